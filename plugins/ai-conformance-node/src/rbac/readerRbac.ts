import { stringify } from 'yaml';
import { FACT_DEFINITIONS } from '../gather/factDefinitions';
import { FactRead } from '../gather/factReads';

/** An RBAC PolicyRule. @public */
export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

/** The reader's rules: cluster-wide ones, and per-namespace ones for named objects. @public */
export interface ReaderRbacRules {
  clusterRules: PolicyRule[];
  namespacedRules: Array<{ namespace: string; rules: PolicyRule[] }>;
}

/** Discovery and `/version`: what the engine reads before any fact. @public */
export const DISCOVERY_NON_RESOURCE_URLS = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/version',
];

/** Verbs granted for a cluster-wide list (get is harmless and lets people inspect one object). */
const LIST_VERBS = ['get', 'list'];

/** Every read any fact definition declares. @public */
export function declaredReads(
  definitions: ReadonlyArray<{ reads: readonly FactRead[] }> = Object.values(
    FACT_DEFINITIONS,
  ),
): FactRead[] {
  return definitions.flatMap(d => d.reads);
}

/**
 * The least-privileged RBAC of the passive reader, generated from the reads the fact definitions
 * declare, so the recommended role and what the engine sends cannot drift apart. No secrets, no
 * writes, no wildcards.
 *
 * @public
 */
export function readerRbacRules(
  reads: readonly FactRead[] = declaredReads(),
): ReaderRbacRules {
  const byGroup = new Map<string, Set<string>>();
  const named = new Map<string, Map<string, Set<string>>>(); // namespace → group/resource → names
  for (const read of reads) {
    if (read.verb === 'list') {
      const set = byGroup.get(read.group) ?? new Set<string>();
      set.add(read.resource);
      byGroup.set(read.group, set);
    } else {
      const ns = read.namespace ?? '';
      const inNamespace = named.get(ns) ?? new Map<string, Set<string>>();
      const key = `${read.group}\u0000${read.resource}`;
      const names = inNamespace.get(key) ?? new Set<string>();
      names.add(read.name ?? '');
      inNamespace.set(key, names);
      named.set(ns, inNamespace);
    }
  }
  const sorted = (values: Iterable<string>) => [...values].sort();
  const clusterRules: PolicyRule[] = [
    { nonResourceURLs: DISCOVERY_NON_RESOURCE_URLS, verbs: ['get'] },
    ...sorted(byGroup.keys()).map(group => ({
      apiGroups: [group],
      resources: sorted(byGroup.get(group)!),
      verbs: LIST_VERBS,
    })),
  ];
  const toRules = (inNamespace: Map<string, Set<string>>): PolicyRule[] =>
    sorted(inNamespace.keys()).map(key => {
      const [group, resource] = key.split('\u0000');
      return {
        apiGroups: [group],
        resources: [resource],
        resourceNames: sorted(inNamespace.get(key)!),
        verbs: ['get'],
      };
    });
  // Cluster-scoped named objects join the cluster rules.
  const clusterNamed = named.get('');
  if (clusterNamed) clusterRules.push(...toRules(clusterNamed));
  const namespacedRules = sorted(named.keys())
    .filter(ns => ns !== '')
    .map(namespace => ({ namespace, rules: toRules(named.get(namespace)!) }));
  return { clusterRules, namespacedRules };
}

function matches(values: readonly string[] | undefined, value: string) {
  return !!values && (values.includes('*') || values.includes(value));
}

/** True when the rules allow the read (RBAC semantics, including wildcards). @public */
export function rulesGrant(rules: ReaderRbacRules, read: FactRead): boolean {
  const candidates =
    read.verb === 'get' && read.namespace
      ? [
          ...rules.clusterRules,
          ...rules.namespacedRules
            .filter(r => r.namespace === read.namespace)
            .flatMap(r => r.rules),
        ]
      : rules.clusterRules;
  return candidates.some(
    rule =>
      matches(rule.apiGroups, read.group) &&
      matches(rule.resources, read.resource) &&
      matches(rule.verbs, read.verb) &&
      (!rule.resourceNames?.length ||
        (read.verb === 'get' && rule.resourceNames.includes(read.name ?? ''))),
  );
}

/** Who the generated role is bound to. @public */
export interface RbacSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  /** For a ServiceAccount. */
  namespace?: string;
}

/**
 * The reader's ClusterRole, Roles and their bindings as Kubernetes manifests (plain objects).
 *
 * @public
 */
export function readerRbacManifests(
  subject: RbacSubject,
  options: { name?: string; rules?: ReaderRbacRules } = {},
): Array<Record<string, unknown>> {
  const name = options.name ?? 'ai-conformance-reader';
  const rules = options.rules ?? readerRbacRules();
  const subjects = [
    subject.kind === 'ServiceAccount'
      ? {
          kind: 'ServiceAccount',
          name: subject.name,
          namespace: subject.namespace,
        }
      : {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: subject.kind,
          name: subject.name,
        },
  ];
  const labels = { 'app.kubernetes.io/part-of': 'ai-conformance-suite' };
  const roleRef = (kind: string) => ({
    apiGroup: 'rbac.authorization.k8s.io',
    kind,
    name,
  });
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name, labels },
      rules: rules.clusterRules,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name, labels },
      roleRef: roleRef('ClusterRole'),
      subjects,
    },
    ...rules.namespacedRules.flatMap(({ namespace, rules: nsRules }) => [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name, namespace, labels },
        rules: nsRules,
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name, namespace, labels },
        roleRef: roleRef('Role'),
        subjects,
      },
    ]),
  ];
}

/** The manifests as one multi-document YAML (what the README shows and the CLI prints). @public */
export function renderReaderRbacYaml(subject: RbacSubject): string {
  return readerRbacManifests(subject)
    .map(doc => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}
