/**
 * Replaces every secret value (4 characters or more) in a text with `[redacted]`. The one place
 * where credentials are scrubbed from messages.
 *
 * @public
 */
export function redactSecrets(
  text: string,
  secrets: readonly string[],
): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) {
      result = result.split(secret).join('[redacted]');
    }
  }
  return result;
}
