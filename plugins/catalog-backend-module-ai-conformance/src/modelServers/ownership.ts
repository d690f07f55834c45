import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * How a model server's owner and system are found: label or annotation keys looked up on the
 * object, then on its namespace; values mapped through `mapping`; then the defaults.
 *
 * @public
 */
export interface OwnershipRules {
  ownerKeys: string[];
  /** Label/annotation value → owner entity ref (e.g. `ml-team` → `group:default/ml-platform`). */
  ownerMapping: Record<string, string>;
  defaultOwner: string;
  systemKeys: string[];
  defaultSystem?: string;
}

/** @public */
export const DEFAULT_OWNERSHIP_RULES: OwnershipRules = {
  ownerKeys: ['backstage.io/owner', 'ai-conformance.io/owner', 'owner', 'team'],
  ownerMapping: {},
  defaultOwner: 'group:default/unowned-model-servers',
  systemKeys: ['backstage.io/system', 'ai-conformance.io/system', 'system'],
};

/**
 * Labels and annotations of one object (server or namespace).
 *
 * @public
 */
export interface Tagged {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

function lookup(
  keys: string[],
  sources: Tagged[],
): { value: string; where: string } | undefined {
  for (const [i, source] of sources.entries()) {
    for (const key of keys) {
      const value = source.annotations?.[key] ?? source.labels?.[key];
      if (value && value.trim()) {
        return {
          value: value.trim(),
          where: `${i === 0 ? 'object' : 'namespace'} ${key}`,
        };
      }
    }
  }
  return undefined;
}

/** A label-safe value (`ml-team`) or an entity ref (`group:default/ml`) as a full ref, or undefined. */
function asRef(value: string, defaultKind: string): string | undefined {
  // Labels cannot hold ':' or '/': `group.default.ml` is not parsed, only plain refs are.
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The owner of a server: first key found on the object, then its namespace; mapped when the
 * mapping names the value; else taken as a group name or ref; else the cluster's owner, else the
 * default. `source` says where it came from (shown on the entity).
 *
 * @public
 */
export function resolveOwner(
  rules: OwnershipRules,
  object: Tagged,
  namespace: Tagged | undefined,
  clusterOwner?: string,
): { owner: string; source: string } {
  const found = lookup(rules.ownerKeys, [
    object,
    ...(namespace ? [namespace] : []),
  ]);
  if (found) {
    const mapped = rules.ownerMapping[found.value];
    const ref = asRef(mapped ?? found.value, 'group');
    if (ref)
      return {
        owner: ref,
        source: mapped ? `${found.where} (mapped)` : found.where,
      };
  }
  if (clusterOwner) return { owner: clusterOwner, source: 'cluster owner' };
  return { owner: rules.defaultOwner, source: 'default' };
}

/** The system of a server (object, then namespace, then default), as a full ref. @public */
export function resolveSystem(
  rules: OwnershipRules,
  object: Tagged,
  namespace: Tagged | undefined,
): string | undefined {
  const found = lookup(rules.systemKeys, [
    object,
    ...(namespace ? [namespace] : []),
  ]);
  const value = found?.value ?? rules.defaultSystem;
  return value ? asRef(value, 'system') : undefined;
}
