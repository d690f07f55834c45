/**
 * A canonical form of an API server URL for allow-list comparison: scheme, lower-case host,
 * port only when not the default, path without trailing slashes. Undefined when not a URL.
 *
 * @public
 */
export function normalizeApiServerUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(
      /\/+$/,
      '',
    )}`;
  } catch {
    return undefined;
  }
}
