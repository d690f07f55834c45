import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ApiDiscovery, DiscoveredGroup } from '../cluster/discovery';
import {
  ClusterFacts,
  FactKey,
  FactValues,
  NodeFact,
  WorkloadFact,
} from '../gather/factTypes';
import { CheckContext } from '../checks/RequirementCheck';
import { VENDOR_PROFILES } from '../vendors/profiles';

/** Discovery from `{ 'group/version': ['resource', …] }` ('v1' for the core group). */
export function discoveryOf(served: Record<string, string[]>): ApiDiscovery {
  const groups = new Map<string, DiscoveredGroup>();
  for (const [gv, resources] of Object.entries(served)) {
    const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
    const g = groups.get(group) ?? { name: group, versions: [] };
    g.versions.push({
      version,
      resources: resources.map(resource => ({
        resource,
        kind: resource,
        namespaced: true,
        verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'],
      })),
    });
    groups.set(group, g);
  }
  return { source: 'aggregated', groups: [...groups.values()] };
}

/** Facts for a check: values given are ok outcomes, errors are failed outcomes. */
export function makeFacts(options: {
  served?: Record<string, string[]>;
  values?: Partial<FactValues>;
  errors?: Partial<Record<FactKey, string>>;
  gitVersion?: string;
}): ClusterFacts {
  const facts: ClusterFacts['facts'] = {};
  for (const [key, value] of Object.entries(options.values ?? {})) {
    (facts as any)[key] = { ok: true, value };
  }
  for (const [key, error] of Object.entries(options.errors ?? {})) {
    (facts as any)[key] = { ok: false, error, kind: 'forbidden' };
  }
  return {
    version: {
      gitVersion: options.gitVersion ?? 'v1.35.1',
      major: '1',
      minor: '35',
    },
    discovery: discoveryOf(options.served ?? { v1: ['nodes', 'pods'] }),
    facts,
  };
}

/** Every fact key a check declares but the test did not set is set to an empty list. */
export function withDefaults(
  facts: ClusterFacts,
  keys: FactKey[],
): ClusterFacts {
  for (const key of keys) {
    if (!facts.facts[key]) {
      (facts.facts as any)[key] = {
        ok: true,
        value: key === 'clusterAutoscalerStatus' ? null : [],
      };
    }
  }
  return facts;
}

export const context = (
  overrides: Partial<CheckContext> = {},
): CheckContext => ({
  checklistVersion: '1.35',
  level: 'MUST',
  conditional: false,
  vendors: VENDOR_PROFILES,
  ...overrides,
});

export function node(
  name: string,
  overrides: Partial<NodeFact> = {},
): NodeFact {
  return {
    name,
    labels: {},
    allocatable: { cpu: '16', memory: '64Gi', pods: '110' },
    capacity: { cpu: '16', memory: '64Gi', pods: '110' },
    taints: [],
    ready: true,
    unschedulable: false,
    containerRuntimeVersion: 'containerd://2.1.0',
    ...overrides,
  };
}

export function workload(
  kind: WorkloadFact['kind'],
  namespace: string,
  name: string,
  ready = 1,
  desired = 1,
  overrides: Partial<WorkloadFact> = {},
): WorkloadFact {
  return {
    kind,
    namespace,
    name,
    labels: { 'app.kubernetes.io/name': name },
    images: [`example.org/${name}:v1`],
    desired,
    ready,
    available: ready >= desired && ready > 0,
    ...overrides,
  };
}

/**
 * The shared reference directory next to the repository, if present. A checkout elsewhere (a git
 * worktree) points at it with AI_CONFORMANCE_SHARED_DIR.
 */
export const SHARED_DIR =
  process.env.AI_CONFORMANCE_SHARED_DIR ??
  path.resolve(__dirname, '../../../../../shared');

/** Reason to skip fixture tests, or undefined when ../shared exists. */
export function sharedUnavailable(): string | undefined {
  return fs.existsSync(SHARED_DIR)
    ? undefined
    : `../shared not found at ${SHARED_DIR}: skipping tests that read the shared fixtures`;
}

/** `describe` that skips with a message when ../shared is absent. */
export function describeWithShared(name: string, fn: () => void) {
  const why = sharedUnavailable();
  if (why) {
    // eslint-disable-next-line no-console
    console.warn(`${name}: ${why}`);
  }
  // eslint-disable-next-line jest/valid-title, jest/valid-describe-callback, jest/no-disabled-tests
  (why ? describe.skip : describe)(name, fn);
}

/** Reads a file under ../shared/fixtures: YAML lists are flattened to their items. */
export function readFixture(relative: string): any[] {
  const text = fs.readFileSync(
    path.join(SHARED_DIR, 'fixtures', relative),
    'utf8',
  );
  if (relative.endsWith('.json')) return [JSON.parse(text)];
  return parseAllDocuments(text).flatMap(doc => {
    const value = doc.toJS();
    return value?.items ?? (value ? [value] : []);
  });
}
