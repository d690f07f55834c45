/** Longest piece of server-supplied text quoted in an error message or reason. @public */
export const SERVER_TEXT_MAX_CHARS = 512;

/** `scheme://user:password@host` → `scheme://[redacted]@host`. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi;
/** An Authorization header value quoted back (an echoing proxy or error page). */
const AUTH_HEADER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;

/**
 * Removes the given secret values, credentials inside URLs and authorization header values from
 * a text. Values shorter than 4 characters are ignored (they would match everywhere).
 *
 * @public
 */
export function redactSecrets(
  text: string,
  secrets: Iterable<string> = [],
): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4)
      out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(URL_USERINFO, '$1[redacted]@')
    .replace(AUTH_HEADER, '$1 [redacted]');
}

/**
 * Makes text that came from a server (or its error message) safe to copy into a reason: secrets
 * removed, control characters (NUL included, which PostgreSQL rejects) replaced by spaces, runs
 * of whitespace collapsed, and at most `max` characters kept, with a note of how much was cut.
 *
 * @public
 */
export function capServerText(
  text: string,
  secrets: Iterable<string> = [],
  max = SERVER_TEXT_MAX_CHARS,
): string {
  // Cut far beyond `max` first so that a 60 MiB body is never scanned in full.
  const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const clean = redactSecrets(head, secrets)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (clean.length <= max && head.length === text.length) return clean;
  const kept = truncateChars(clean, max);
  return `${kept}… [${text.length - kept.length} more characters cut]`;
}

/** The first `max` characters, never ending in half a surrogate pair. @public */
export function truncateChars(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}
