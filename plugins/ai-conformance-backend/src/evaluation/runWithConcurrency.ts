/**
 * Calls `fn` for every item with at most `limit` calls in flight. Stops starting new calls once
 * `signal` aborts. `fn` must not reject; a rejection is the caller's bug and is rethrown.
 *
 * @internal
 */
export async function runWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}
