import type { User } from '@kubernetes/client-node';

/** auth-provider config keys that hold no secret (URLs, paths, names of JSON fields). */
const NON_SECRET_AUTH_PROVIDER_KEYS = new Set([
  'idp-issuer-url',
  'idp-certificate-authority',
  'client-id',
  'cmd-path',
  'expiry-key',
  'token-key',
  'expiry',
  'tokenFile',
  'apiserver-id',
  'environment',
  'tenant-id',
]);

/**
 * The values of an exec credential plugin that may be secrets: every argument that is not a bare
 * flag (`--token=x` gives `x`), and every environment value. Over-redacting a harmless argument
 * costs a word in a message; missing a secret one leaks it.
 */
function execSecrets(exec: unknown): string[] {
  const { args, env } = (exec ?? {}) as {
    args?: unknown;
    env?: unknown;
  };
  const values: string[] = [];
  for (const arg of Array.isArray(args) ? args : []) {
    if (typeof arg !== 'string') continue;
    const eq = arg.indexOf('=');
    if (arg.startsWith('-') && eq > 0) values.push(arg.slice(eq + 1));
    else if (!arg.startsWith('-')) values.push(arg);
  }
  for (const entry of Array.isArray(env) ? env : []) {
    const value = (entry as { value?: unknown })?.value;
    if (typeof value === 'string') values.push(value);
  }
  return values;
}

/** Every string value of an auth-provider's config (OIDC id/refresh tokens, client secret, …). */
function authProviderSecrets(authProvider: unknown): string[] {
  const { config } = (authProvider ?? {}) as { config?: unknown };
  if (!config || typeof config !== 'object') return [];
  const values: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (NON_SECRET_AUTH_PROVIDER_KEYS.has(key)) continue;
    if (typeof value === 'string') values.push(value);
    if (key === 'exec') values.push(...execSecrets(value));
  }
  return values;
}

/**
 * Every secret value a kubeconfig user carries, for redaction: token, password and key, the
 * arguments and environment of an exec plugin, the tokens and client secret of an auth provider
 * (OIDC and others), and the contents of the token files it names (`tokenFiles`, read by the
 * caller). Empty values are dropped.
 *
 * @internal
 */
export function kubeconfigUserSecrets(
  user: Partial<User>,
  tokenFiles: string[] = [],
): string[] {
  return [
    user.token,
    user.password,
    user.keyData,
    ...execSecrets(user.exec),
    ...authProviderSecrets(user.authProvider),
    ...tokenFiles,
  ].filter((s): s is string => typeof s === 'string' && s.trim().length > 0);
}

/**
 * The user name and password inside an API server URL (`https://user:pass@host`), decoded, so
 * that a message quoting them anywhere, not only inside the URL, is redacted.
 *
 * @internal
 */
export function urlCredentialSecrets(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const { username, password } = new URL(url);
    return [username, password].filter(Boolean).flatMap(part => {
      try {
        return [part, decodeURIComponent(part)];
      } catch {
        return [part];
      }
    });
  } catch {
    return [];
  }
}
