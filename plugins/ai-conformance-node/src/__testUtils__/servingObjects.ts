import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeObject } from '../cluster/ClusterReader';
import { ClusterFacts, FactKey } from '../gather/factTypes';
import {
  reduceDeployment,
  reduceInferencePool,
  reduceNode,
  reducePod,
  reduceResourceClaim,
  reduceResourceSlice,
  reduceStatefulSet,
} from '../gather/reduce';
import { reduceLeaderWorkerSet, reduceService } from '../gather/reduceServing';
import { SERVING_FACTS } from '../serving/discoverModelServers';
import { makeFacts, SHARED_DIR } from './facts';

const identity = (o: KubeObject) => o;

/** Where each kind (by group) goes in the facts, with the reducer the gather layer uses. */
const ROUTES: Array<{
  group: string;
  kind: string;
  key: FactKey;
  reduce: (o: KubeObject) => unknown;
}> = [
  { group: '', kind: 'Node', key: 'nodes', reduce: reduceNode },
  { group: '', kind: 'Pod', key: 'pods', reduce: reducePod },
  { group: '', kind: 'Service', key: 'services', reduce: reduceService },
  {
    group: 'apps',
    kind: 'Deployment',
    key: 'deployments',
    reduce: reduceDeployment,
  },
  {
    group: 'apps',
    kind: 'StatefulSet',
    key: 'statefulSets',
    reduce: reduceStatefulSet,
  },
  {
    group: 'leaderworkerset.x-k8s.io',
    kind: 'LeaderWorkerSet',
    key: 'leaderWorkerSets',
    reduce: reduceLeaderWorkerSet,
  },
  {
    group: 'resource.k8s.io',
    kind: 'ResourceClaim',
    key: 'resourceClaims',
    reduce: reduceResourceClaim,
  },
  {
    group: 'resource.k8s.io',
    kind: 'ResourceSlice',
    key: 'resourceSlices',
    reduce: reduceResourceSlice,
  },
  {
    group: 'inference.networking.k8s.io',
    kind: 'InferencePool',
    key: 'inferencePools',
    reduce: reduceInferencePool,
  },
  {
    group: 'inference.networking.x-k8s.io',
    kind: 'InferencePool',
    key: 'inferencePools',
    reduce: reduceInferencePool,
  },
  {
    group: 'serving.kserve.io',
    kind: 'InferenceService',
    key: 'kserveInferenceServices',
    reduce: identity,
  },
  {
    group: 'serving.kserve.io',
    kind: 'LLMInferenceService',
    key: 'kserveLlmInferenceServices',
    reduce: identity,
  },
  {
    group: 'serving.kserve.io',
    kind: 'ServingRuntime',
    key: 'kserveServingRuntimes',
    reduce: identity,
  },
  {
    group: 'serving.kserve.io',
    kind: 'ClusterServingRuntime',
    key: 'kserveClusterServingRuntimes',
    reduce: identity,
  },
  { group: 'ray.io', kind: 'RayService', key: 'rayServices', reduce: identity },
  {
    group: 'apps.nvidia.com',
    kind: 'NIMService',
    key: 'nimServices',
    reduce: identity,
  },
  {
    group: 'apps.nvidia.com',
    kind: 'NIMCache',
    key: 'nimCaches',
    reduce: identity,
  },
  {
    group: 'nvidia.com',
    kind: 'DynamoGraphDeployment',
    key: 'dynamoGraphDeployments',
    reduce: identity,
  },
  {
    group: 'production-stack.vllm.ai',
    kind: 'VLLMRuntime',
    key: 'vllmRuntimes',
    reduce: identity,
  },
];

/** Whether the objects' kind and group are ones discovery reads. */
export function isServingInput(o: KubeObject): boolean {
  const group = String(o.apiVersion ?? '')
    .split('/')
    .slice(0, -1)
    .join('/');
  return ROUTES.some(r => r.group === group && r.kind === o.kind);
}

/**
 * Facts as one gather would produce them from these objects (each through the gather layer's
 * reducer); every serving fact not given is an empty list, `errors` are refused reads.
 */
export function servingFacts(
  objects: KubeObject[],
  errors: Partial<Record<FactKey, string>> = {},
): ClusterFacts {
  const values: Record<string, unknown[]> = Object.fromEntries(
    SERVING_FACTS.map(k => [k, []]),
  );
  for (const o of objects) {
    const group = String(o.apiVersion ?? '')
      .split('/')
      .slice(0, -1)
      .join('/');
    const route = ROUTES.find(r => r.group === group && r.kind === o.kind);
    if (!route) throw new Error(`no fact for ${o.apiVersion} ${o.kind}`);
    values[route.key].push(route.reduce(o));
  }
  for (const key of Object.keys(errors)) delete values[key];
  return makeFacts({ values: values as any, errors });
}

/** The serving fixtures of ../shared (check `sharedUnavailable()` first). */
export const SERVING_FIXTURES_DIR = path.join(
  SHARED_DIR,
  'fixtures',
  'serving',
);

/** Every Kubernetes object (apiVersion + kind) in the YAML/JSON files under a directory. */
export function readObjects(
  dir: string,
): Array<{ file: string; object: KubeObject }> {
  const out: Array<{ file: string; object: KubeObject }> = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        for (const doc of parseAllDocuments(text)) {
          const value = doc.toJS();
          const items =
            value?.kind === 'List' && Array.isArray(value.items)
              ? value.items
              : [value];
          for (const item of items) {
            if (
              item &&
              typeof item === 'object' &&
              item.apiVersion &&
              item.kind
            ) {
              out.push({ file: path.relative(dir, full), object: item });
            }
          }
        }
      }
    }
  };
  walk(dir);
  return out;
}
