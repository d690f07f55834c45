import { formatRelativeTime } from './time';

describe('formatRelativeTime', () => {
  const now = new Date('2026-09-01T12:00:00Z');
  it('formats past times', () => {
    expect(formatRelativeTime('2026-09-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2026-08-30T12:00:00Z', now)).toBe('2 days ago');
  });
  it('returns unparseable input unchanged', () => {
    expect(formatRelativeTime('yesterday-ish', now)).toBe('yesterday-ish');
  });
});
