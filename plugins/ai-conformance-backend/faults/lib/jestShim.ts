/**
 * backend-test-utils' mock services call `jest.fn()` when they are created. The suite runs in
 * plain Node (it is not a jest run), so a minimal stand-in is installed when jest is absent: a
 * function that calls its current implementation.
 */
type Implementation = (...args: unknown[]) => unknown;
type Fn = Implementation & {
  mockImplementation(next: Implementation): Fn;
  mockReturnValue(value: unknown): Fn;
  mockResolvedValue(value: unknown): Fn;
};

function fn(implementation?: (...args: unknown[]) => unknown): Fn {
  let current = implementation;
  const mock = ((...args: unknown[]) => current?.(...args)) as Fn;
  mock.mockImplementation = (next: Implementation) => {
    current = next;
    return mock;
  };
  mock.mockReturnValue = (value: unknown) =>
    mock.mockImplementation(() => value);
  mock.mockResolvedValue = (value: unknown) =>
    mock.mockImplementation(async () => value);
  return mock;
}

export function installJestShim() {
  const g = globalThis as { jest?: unknown };
  g.jest ??= { fn };
}
