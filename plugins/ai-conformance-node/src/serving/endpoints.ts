import { ServiceFact } from '../gather/factTypes';
import { ModelServer } from './ModelServer';
import { ServingContext, matchesSelector } from './ServingContext';

/** Port names and numbers that most likely carry the serving API, best first. */
function portRank(p: ServiceFact['ports'][number]): number {
  if (p.name && /metrics|monitor|health/.test(p.name)) return 9;
  if (p.name && /^(http|https|openai|api|serve|rest)/.test(p.name)) return 0;
  if ([8000, 8080, 80, 443].includes(p.port)) return 1;
  return 5;
}

/** The URL of a Service: its load balancer address when it has one, else cluster DNS. */
export function serviceUrl(service: ServiceFact): string | undefined {
  const port = [...service.ports].sort((a, b) => portRank(a) - portRank(b))[0];
  if (!port) return undefined;
  let scheme = 'http';
  if (port.appProtocol?.includes('grpc') || port.name?.startsWith('grpc')) {
    scheme = 'grpc';
  } else if (port.port === 443 || port.name === 'https') {
    scheme = 'https';
  }
  const host =
    service.externalAddresses[0] ??
    `${service.name}.${service.namespace}.svc.cluster.local`;
  const defaultPort =
    (scheme === 'http' && port.port === 80) ||
    (scheme === 'https' && port.port === 443);
  return `${scheme}://${host}${defaultPort ? '' : `:${port.port}`}`;
}

/**
 * The endpoint from a Service in the namespace whose selector picks the server's pods (a
 * LoadBalancer with an address first), for servers whose status has no URL.
 *
 * @internal
 */
export function serviceEndpoint(
  ctx: ServingContext,
  namespace: string,
  podLabels: Record<string, string> | undefined,
  preferredName?: string,
): ModelServer['endpoint'] {
  if (!podLabels) return undefined;
  const candidates = ctx
    .servicesIn(namespace)
    .filter(
      s => s.name === preferredName || matchesSelector(s.selector, podLabels),
    )
    .sort(
      (a, b) =>
        Number(b.name === preferredName) - Number(a.name === preferredName) ||
        b.externalAddresses.length - a.externalAddresses.length,
    );
  for (const service of candidates) {
    const url = serviceUrl(service);
    if (url) return { url, source: 'service' };
  }
  return undefined;
}

/** A URL from status when it is a non-empty string. @internal */
export function statusEndpoint(url: unknown): ModelServer['endpoint'] {
  return typeof url === 'string' && url ? { url, source: 'status' } : undefined;
}
