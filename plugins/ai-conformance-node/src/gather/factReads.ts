/**
 * One API request a fact definition may send, declared so that the reader's RBAC is generated
 * from the same data the gather runs on (see `rbac/readerRbac.ts`), and so that a refused read
 * names exactly what to grant.
 *
 * @public
 */
export interface FactRead {
  /** API group; `''` for the core group. */
  group: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  /** `list` (every namespace) or `get` of one named object. */
  verb: 'list' | 'get';
  /** For `get`: the object's namespace (omit for cluster-scoped objects). */
  namespace?: string;
  /** For `get`: the object's name. */
  name?: string;
  /** The list asks for PartialObjectMetadata only (the RBAC needed is the same). */
  metadataOnly?: boolean;
}

/** A cluster-wide list of a resource. @public */
export function listRead(
  group: string,
  resource: string,
  options: { metadataOnly?: boolean } = {},
): FactRead {
  const read: FactRead = { group, resource, verb: 'list' };
  if (options.metadataOnly) read.metadataOnly = true;
  return read;
}

/** A get of one named (namespaced) object. @public */
export function getRead(
  group: string,
  resource: string,
  namespace: string,
  name: string,
): FactRead {
  return { group, resource, verb: 'get', namespace, name };
}

/** `deployments.apps`, `nodes` (core group), as RBAC and kubectl write resources. @public */
export function qualifiedResource(
  read: Pick<FactRead, 'group' | 'resource'>,
): string {
  return read.group ? `${read.resource}.${read.group}` : read.resource;
}

/**
 * The permission a read needs, in words a platform team can act on, e.g.
 * `list deployments.apps (all namespaces)` or
 * `get configmaps cluster-autoscaler-status in namespace kube-system`.
 *
 * @public
 */
export function describeRead(read: FactRead): string {
  const what = qualifiedResource(read);
  if (read.verb === 'get') {
    return `get ${what} ${read.name}${
      read.namespace ? ` in namespace ${read.namespace}` : ''
    }`;
  }
  return `list ${what} (all namespaces${
    read.metadataOnly ? ', metadata only' : ''
  })`;
}

/** True when two reads name the same request target. @internal */
export function sameRead(a: FactRead, b: FactRead): boolean {
  return (
    a.group === b.group &&
    a.resource === b.resource &&
    a.verb === b.verb &&
    (a.namespace ?? '') === (b.namespace ?? '') &&
    (a.name ?? '') === (b.name ?? '')
  );
}
