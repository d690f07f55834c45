import { KubeApiError, KubeApiErrorKind } from '../errors';
import { capServerText } from './serverText';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** What a request path reads, in words: `list nodes`, `get /version`. */
export function describeRequest(method: string, path: string): string {
  const clean = path.split('?')[0];
  const match =
    /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/(.+))?$/.exec(
      clean,
    );
  if (!match) {
    return `${method} ${clean}`;
  }
  const [, group, namespace, resource, name, sub] = match;
  const qualified = group ? `${resource}.${group}` : resource;
  const where = namespace ? ` in namespace ${namespace}` : '';
  const verbs: Record<string, string> = name
    ? { GET: 'get', DELETE: 'delete' }
    : { GET: 'list', POST: 'create' };
  const verb = verbs[method] ?? method.toLowerCase();
  if (!name) {
    return `${verb} ${qualified}${where}`;
  }
  return `${verb} ${qualified}${sub ? `/${sub}` : ''} ${name}${where}`;
}

function statusMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body);
    return typeof parsed?.message === 'string' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns an HTTP error status into a KubeApiError whose message says what to fix. The server's
 * own message is quoted capped (`SERVER_TEXT_MAX_CHARS`) and without the given secrets.
 */
export function errorFromStatus(
  method: string,
  path: string,
  status: number,
  body: string,
  secrets: Iterable<string> = [],
): KubeApiError {
  const what = describeRequest(method, path);
  const raw = statusMessage(body);
  const detail = raw === undefined ? undefined : capServerText(raw, secrets);
  let kind: KubeApiErrorKind = 'other';
  let message: string;
  if (status === 401) {
    kind = 'unauthorized';
    message = `The API server rejected the credentials (401 Unauthorized) for ${what}; the token or client certificate is missing, invalid or expired. Renew the credentials configured for this cluster.`;
  } else if (status === 403) {
    kind = 'forbidden';
    message = `Forbidden (403): the identity may not ${what}. Grant this permission to the identity (the RBAC section of the ai-conformance-node README lists what the checker reads).`;
  } else if (status === 404) {
    kind = 'notFound';
    message = `Not found (404): ${what}.`;
  } else if (status >= 300 && status < 400) {
    kind = 'badResponse';
    message = `The API server answered ${status} (a redirect) to ${what}; requests to clusters never follow redirects, so that no credential is sent elsewhere. Configure the API server's own URL, not one behind a redirecting proxy or load balancer.`;
  } else if (status === 429) {
    kind = 'other';
    message = `The API server throttled ${what} (429 Too Many Requests); retry later or raise the API priority of the identity.`;
  } else {
    message = `The API server answered ${status} to ${what}${
      detail ? `: ${detail}` : ''
    }.`;
  }
  return new KubeApiError({ status, kind, path, message });
}

/** Turns a failed fetch (no HTTP response) into a KubeApiError. */
export function errorFromFetchFailure(
  method: string,
  path: string,
  server: string,
  error: unknown,
  cause: 'timeout' | 'aborted' | undefined,
  timeoutMs: number,
  secrets: Iterable<string> = [],
): KubeApiError {
  const what = describeRequest(method, path);
  if (cause === 'timeout') {
    return new KubeApiError({
      status: 0,
      kind: 'timeout',
      path,
      message: `No answer from ${server} within ${timeoutMs} ms to ${what}; check that the API server is reachable from here and not overloaded.`,
    });
  }
  if (cause === 'aborted') {
    return new KubeApiError({
      status: 0,
      kind: 'aborted',
      path,
      message: `The evaluation was stopped (time budget used up or cancelled) during ${what}.`,
    });
  }
  const err = error as {
    cause?: { code?: string; message?: string };
    code?: string;
    message?: string;
  };
  const code = capServerText(
    String(err?.cause?.code ?? err?.code ?? ''),
    [],
    64,
  );
  const text = capServerText(
    err?.cause?.message ?? err?.message ?? String(error),
    secrets,
  );
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(text)) {
    return new KubeApiError({
      status: 0,
      kind: 'tls',
      path,
      message: `TLS handshake with ${server} failed (${
        code || text
      }); the certificate authority configured for this cluster does not match the API server's certificate, or the URL is not a TLS endpoint.`,
    });
  }
  const hints: Record<string, string> = {
    ENOTFOUND: 'the host name does not resolve; check the API server URL',
    EAI_AGAIN: 'the host name could not be resolved right now; check DNS',
    ECONNREFUSED:
      'the connection was refused; check the URL and port and that the API server is running',
    ECONNRESET:
      'the connection was reset; check proxies and firewalls between here and the API server',
    ETIMEDOUT:
      'the connection timed out; check network access to the API server',
    EHOSTUNREACH:
      'the host is unreachable; check network access to the API server',
    UND_ERR_CONNECT_TIMEOUT:
      'the connection timed out; check network access to the API server',
  };
  return new KubeApiError({
    status: 0,
    kind: 'network',
    path,
    message: `Could not reach ${server} for ${what}: ${
      hints[code] ?? `${code || text}`
    }.`,
  });
}
