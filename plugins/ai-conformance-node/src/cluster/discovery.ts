/** One resource served by the API server. @public */
export interface DiscoveredResource {
  /** Plural name, e.g. `resourceslices`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

/** One version of an API group with its resources. @public */
export interface DiscoveredVersion {
  version: string;
  resources: DiscoveredResource[];
}

/** An API group; the core group has the name `''`. Versions are in preference order. @public */
export interface DiscoveredGroup {
  name: string;
  versions: DiscoveredVersion[];
}

/** What the API server serves. @public */
export interface ApiDiscovery {
  /** `aggregated` (one request each for /api and /apis) or `legacy` (one per group version). */
  source: 'aggregated' | 'legacy';
  groups: DiscoveredGroup[];
}

/** Where one resource is served: the group, the version chosen and the resource. @public */
export interface ServedResource {
  group: string;
  version: string;
  resource: DiscoveredResource;
}

/** The `Accept` header that asks for aggregated discovery, falling back to the older forms. @public */
export const AGGREGATED_DISCOVERY_ACCEPT = [
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
  'application/json',
].join(',');

/** @public */
export interface AggregatedResource {
  resource: string;
  responseKind?: { kind?: string };
  scope?: string;
  verbs?: string[];
}

/** @public */
export interface AggregatedList {
  apiVersion?: string;
  kind?: string;
  items?: Array<{
    metadata?: { name?: string };
    versions?: Array<{ version: string; resources?: AggregatedResource[] }>;
  }>;
}

/** True when a discovery response is the aggregated form (APIGroupDiscoveryList). @public */
export function isAggregatedDiscovery(body: unknown): body is AggregatedList {
  const b = body as AggregatedList | undefined;
  return (
    !!b &&
    Array.isArray(b.items) &&
    (b.kind === 'APIGroupDiscoveryList' ||
      (b.apiVersion ?? '').startsWith('apidiscovery.k8s.io/'))
  );
}

/** Converts aggregated discovery documents (`/api` and `/apis`) to groups. @public */
export function parseAggregatedDiscovery(
  ...documents: AggregatedList[]
): DiscoveredGroup[] {
  return documents.flatMap(doc =>
    (doc.items ?? []).map(item => ({
      name: item.metadata?.name ?? '',
      versions: (item.versions ?? []).map(v => ({
        version: v.version,
        resources: (v.resources ?? []).map(r => ({
          resource: r.resource,
          kind: r.responseKind?.kind ?? '',
          namespaced: r.scope === 'Namespaced',
          verbs: r.verbs ?? [],
        })),
      })),
    })),
  );
}

/** @public */
export interface LegacyResourceList {
  resources?: Array<{
    name: string;
    kind: string;
    namespaced: boolean;
    verbs?: string[];
  }>;
}

/** Converts a legacy APIResourceList to resources (subresources such as `pods/log` are dropped). @public */
export function parseLegacyResourceList(
  list: LegacyResourceList,
): DiscoveredResource[] {
  return (list.resources ?? [])
    .filter(r => !r.name.includes('/'))
    .map(r => ({
      resource: r.name,
      kind: r.kind,
      namespaced: r.namespaced,
      verbs: r.verbs ?? [],
    }));
}

/** The group of a given name, if served. @public */
export function findGroup(
  discovery: ApiDiscovery,
  group: string,
): DiscoveredGroup | undefined {
  return discovery.groups.find(g => g.name === group);
}

/**
 * Where a resource is served: the first version in preference order that serves it, limited to
 * `versions` when given (in the caller's order of preference).
 *
 * @public
 */
export function findResource(
  discovery: ApiDiscovery,
  group: string,
  resource: string,
  versions?: readonly string[],
): ServedResource | undefined {
  const g = findGroup(discovery, group);
  if (!g) return undefined;
  const ordered = versions
    ? versions
        .map(v => g.versions.find(gv => gv.version === v))
        .filter((v): v is DiscoveredVersion => !!v)
    : g.versions;
  for (const v of ordered) {
    const r = v.resources.find(res => res.resource === resource);
    if (r) return { group, version: v.version, resource: r };
  }
  return undefined;
}

/** The REST path of a served resource's collection, optionally in one namespace. @public */
export function collectionPath(
  served: ServedResource,
  namespace?: string,
): string {
  const base = served.group
    ? `/apis/${served.group}/${served.version}`
    : `/api/${served.version}`;
  return namespace && served.resource.namespaced
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${
        served.resource.resource
      }`
    : `${base}/${served.resource.resource}`;
}
