import { CheckOutcome } from '../checks/RequirementCheck';

/** The outcome of one active probe; `skipped` leaves the passive verdict as it is. @public */
export type ProbeOutcome =
  | (CheckOutcome & { skipped?: false })
  | { skipped: true; reason: string };

/** Polls `test` until it returns a value or the deadline passes. @internal */
export async function pollUntil<T>(
  test: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await test();
    if (value !== undefined) return value;
    if (Date.now() >= deadline || options.signal?.aborted) return undefined;
    await new Promise(r =>
      setTimeout(
        r,
        Math.min(
          options.intervalMs ?? 1000,
          Math.max(0, deadline - Date.now()),
        ),
      ),
    );
  }
}
