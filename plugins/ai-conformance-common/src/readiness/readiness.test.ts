import { readinessOf } from './readiness';

describe('readinessOf', () => {
  it('is not-evaluated without a summary', () => {
    expect(readinessOf(undefined)).toBe('not-evaluated');
  });
  it('lets a failing MUST outweigh undecided ones', () => {
    expect(readinessOf({ mustFailed: 1, mustUndecided: 3 })).toBe(
      'not-conformant',
    );
  });
  it('is undecided when a MUST is unknown or error and none fails', () => {
    expect(readinessOf({ mustFailed: 0, mustUndecided: 1 })).toBe('undecided');
  });
  it('is conformant when no MUST fails or is undecided', () => {
    expect(readinessOf({ mustFailed: 0, mustUndecided: 0 })).toBe('conformant');
  });
});
