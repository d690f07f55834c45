import { describeReadiness } from './readiness';

const base = {
  pass: 0,
  fail: 0,
  notApplicable: 0,
  unknown: 0,
  error: 0,
  total: 9,
  mustFailed: 0,
  mustUndecided: 0,
  conformant: false,
};

describe('describeReadiness', () => {
  it('says not evaluated without a summary', () => {
    expect(describeReadiness(undefined).state).toBe('not-evaluated');
  });

  it('says conformant when every MUST passes or does not apply', () => {
    const r = describeReadiness({ ...base, pass: 9, conformant: true });
    expect(r).toMatchObject({ state: 'conformant', color: 'success' });
  });

  it('lets a failing MUST outweigh undecided ones', () => {
    const r = describeReadiness({ ...base, mustFailed: 2, mustUndecided: 1 });
    expect(r.state).toBe('not-conformant');
    expect(r.detail).toBe('2 MUST requirements fail.');
  });

  it('says undecided when MUSTs are unknown or errored but none fails', () => {
    const r = describeReadiness({ ...base, mustUndecided: 1 });
    expect(r.state).toBe('undecided');
    expect(r.detail).toMatch(/^1 MUST requirement could not be decided/);
  });
});
