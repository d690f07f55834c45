import { KubeObject } from '../cluster/ClusterReader';
import {
  ClusterFacts,
  FactKey,
  FactValues,
  InferencePoolFact,
} from '../gather/factTypes';
import { VENDOR_PROFILES } from '../vendors/profiles';
import { VendorProfile } from '../vendors/VendorProfile';
import {
  inferenceServiceServer,
  kserveRuntimes,
  llmInferenceServiceServer,
} from './kinds/kserve';
import { inferencePoolServer } from './kinds/inferencePool';
import {
  dynamoServer,
  nimServiceServer,
  rayServiceServer,
  vllmRuntimeServer,
} from './kinds/operators';
import { workloadServers } from './kinds/workloads';
import { baseServer } from './kinds/common';
import {
  ModelServer,
  ModelServerDiscovery,
  ServingFramework,
  UnreadableServingFact,
} from './ModelServer';
import { createServingContext, matchesSelector } from './ServingContext';

/**
 * The facts model-server discovery reads. Gather them together with the checks' facts: one
 * gather serves checks, capacity views and discovery. Custom resources cost no request on a
 * cluster that does not serve them.
 *
 * @public
 */
export const SERVING_FACTS: readonly FactKey[] = [
  'nodes',
  'pods',
  'deployments',
  'statefulSets',
  'leaderWorkerSets',
  'services',
  'resourceClaims',
  'resourceSlices',
  'inferencePools',
  'kserveInferenceServices',
  'kserveLlmInferenceServices',
  'kserveServingRuntimes',
  'kserveClusterServingRuntimes',
  'rayServices',
  'nimServices',
  'nimCaches',
  'dynamoGraphDeployments',
  'vllmRuntimes',
];

/** Owners whose InferencePools are part of the server they create (not reported on their own). */
const POOL_OWNERS = new Set([
  'LLMInferenceService',
  'NIMService',
  'DynamoGraphDeployment',
]);

/** A server for an object whose reading threw: what its header says, plus the error. */
function unreadableObject(
  o: KubeObject,
  framework: ServingFramework,
  error: unknown,
): ModelServer {
  const base = baseServer(o, framework);
  base.warnings.push(
    `unexpected object shape: ${(error as Error)?.message ?? String(error)}`,
  );
  return {
    ...base,
    apiType: 'openapi',
    readiness: 'unknown',
    readinessReason: 'the object could not be read',
  };
}

/**
 * Finds the model servers of one cluster in gathered facts: KServe InferenceService and
 * LLMInferenceService, InferencePools with the servers behind them, KubeRay RayService, NIM
 * NIMService, Dynamo graph deployments, vLLM production-stack runtimes and engines, llm-d
 * deployments and plain runtime Deployments/StatefulSets. Pure: no cluster access.
 *
 * A fact that could not be read is listed in `unreadable` (its servers are missing, not gone);
 * one malformed object yields a server with a warning, never a failed discovery.
 *
 * @public
 */
export function discoverModelServers(
  facts: ClusterFacts,
  options: { profiles?: readonly VendorProfile[] } = {},
): ModelServerDiscovery {
  const unreadable: UnreadableServingFact[] = [];
  const read = <K extends FactKey>(
    key: K,
    empty: FactValues[K],
  ): FactValues[K] => {
    const outcome = facts.facts[key];
    if (!outcome) return empty;
    if (outcome.ok) return outcome.value as FactValues[K];
    unreadable.push({ fact: key, error: outcome.error, kind: outcome.kind });
    return empty;
  };
  const workloads = [
    ...read('deployments', []),
    ...read('statefulSets', []),
    ...read('leaderWorkerSets', []),
  ];
  const ctx = createServingContext({
    profiles: options.profiles ?? VENDOR_PROFILES,
    pods: read('pods', []),
    workloads,
    services: read('services', []),
    claims: read('resourceClaims', []),
    slices: read('resourceSlices', []),
    nodes: read('nodes', []),
  });
  const servers: ModelServer[] = [];
  const each = <T>(
    framework: ServingFramework,
    items: T[],
    header: (t: T) => KubeObject,
    build: (t: T) => ModelServer,
  ) => {
    for (const item of items) {
      try {
        servers.push(build(item));
      } catch (error) {
        servers.push(unreadableObject(header(item), framework, error));
      }
    }
  };
  const asIs = (o: KubeObject) => o;

  const runtimes = kserveRuntimes(
    read('kserveServingRuntimes', []),
    read('kserveClusterServingRuntimes', []),
  );
  each('kserve', read('kserveInferenceServices', []), asIs, o =>
    inferenceServiceServer(o, ctx, runtimes),
  );
  each('kserve-llm', read('kserveLlmInferenceServices', []), asIs, o =>
    llmInferenceServiceServer(o, ctx),
  );
  each('kuberay', read('rayServices', []), asIs, o => rayServiceServer(o, ctx));
  const caches = read('nimCaches', []);
  each('nim', read('nimServices', []), asIs, o =>
    nimServiceServer(o, ctx, caches),
  );
  each('dynamo', read('dynamoGraphDeployments', []), asIs, o =>
    dynamoServer(o, ctx),
  );
  each('vllm-production-stack', read('vllmRuntimes', []), asIs, o =>
    vllmRuntimeServer(o, ctx),
  );

  const pools = read('inferencePools', []).filter(
    p =>
      !POOL_OWNERS.has(p.ownerKind ?? '') &&
      p.labels?.['app.kubernetes.io/managed-by'] !== 'k8s-nim-operator',
  );
  const poolHeader = (p: InferencePoolFact): KubeObject => ({
    apiVersion: p.apiVersion,
    kind: 'InferencePool',
    metadata: { name: p.name, namespace: p.namespace },
  });
  each('inference-pool', pools, poolHeader, p => inferencePoolServer(p, ctx));
  // A workload whose pods a pool or a serving CR selects is part of that server, not one of its own.
  const crServers = [...servers];
  const claimed = (w: (typeof workloads)[number]) =>
    crServers.some(
      s =>
        s.namespace === w.namespace &&
        matchesSelector(s.podSelector, w.template?.labels ?? {}),
    );
  try {
    servers.push(...workloadServers(ctx, workloads, claimed));
  } catch (error) {
    // Workloads are reduced facts: this only happens on a bug, which must not hide the CRs.
    servers.push(
      unreadableObject(
        { kind: 'Deployment', metadata: { name: '(workloads)' } },
        'workload',
        error,
      ),
    );
  }
  return { servers, unreadable };
}
