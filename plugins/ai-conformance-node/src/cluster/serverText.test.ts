import { capServerText, redactSecrets, truncateChars } from './serverText';

describe('serverText', () => {
  it('caps a huge server message and says how much was cut', () => {
    const text = capServerText(`denied: ${'x'.repeat(60 * 1024 * 1024)}`);
    expect(text.length).toBeLessThan(600);
    expect(text).toMatch(/^denied: x+… \[\d+ more characters cut\]$/);
  });

  it('removes control characters, NUL included, and collapses whitespace', () => {
    expect(capServerText('a\u0000b\n\n  c\td')).toBe('a b c d');
  });

  it('redacts given secrets, passwords in URLs and authorization header values', () => {
    expect(
      redactSecrets(
        'token abcd1234 at https://admin:pw@h:6443 with Bearer eyJ0eXAiOiJKV1Qi',
        ['abcd1234'],
      ),
    ).toBe(
      'token [redacted] at https://[redacted]@h:6443 with Bearer [redacted]',
    );
  });

  it('never cuts a surrogate pair in half', () => {
    expect(truncateChars('ab😀', 3)).toBe('ab');
  });
});
