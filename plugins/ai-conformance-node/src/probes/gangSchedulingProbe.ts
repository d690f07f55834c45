import { Evidence } from '@internal/plugin-ai-conformance-common';
import {
  ApiDiscovery,
  collectionPath,
  findResource,
} from '../cluster/discovery';
import { ClusterReader, KubeObject } from '../cluster/ClusterReader';
import { evidence } from '../checks/RequirementCheck';
import { isKubeApiError } from '../errors';
import { conditionTrue, reduceConditions } from '../gather/reduce';
import { ProbeOptions } from '../types';
import { probeObjectMetadata, ProbeScope } from './probeNamespace';
import { pollUntil, ProbeOutcome } from './ProbeResult';

const QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';
const JOB_LABEL = 'ai-conformance.backstage.io/probe-job';

/**
 * The size of everything the probe can run, and the quota of its own ClusterQueue. The quota
 * admits exactly `PROBE_POD_COUNT` pods of this size; the queue has no cohort, so it can neither
 * borrow from nor preempt real queues. The negative Job asks for one pod more than the quota.
 *
 * @public
 */
export const GANG_PROBE_LIMITS = {
  /** Pods the probe's quota admits (the positive Job's size). */
  pods: 2,
  /** Requests (= limits) of each probe pod. */
  cpu: '5m',
  memory: '8Mi',
  /** The probe ClusterQueue's nominal quota. */
  quota: { cpu: '10m', memory: '16Mi', pods: '2' },
} as const;

/**
 * The pause image: every node already has it (it is the pod sandbox image), so the probe pulls
 * nothing (`IfNotPresent`); it sleeps without doing anything.
 */
const DEFAULT_IMAGE = 'registry.k8s.io/pause:3.10';

function job(
  namespace: string,
  name: string,
  queue: string,
  parallelism: number,
  image: string,
): KubeObject {
  const size = { cpu: GANG_PROBE_LIMITS.cpu, memory: GANG_PROBE_LIMITS.memory };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace,
      labels: { [QUEUE_LABEL]: queue, ...probeObjectMetadata().labels },
    },
    spec: {
      parallelism,
      completions: parallelism,
      // Kueue admits the whole Job by unsuspending it; without a gang scheduler it stays suspended.
      suspend: true,
      backoffLimit: 0,
      activeDeadlineSeconds: 300,
      ttlSecondsAfterFinished: 60,
      template: {
        metadata: { labels: { [JOB_LABEL]: name } },
        spec: {
          restartPolicy: 'Never',
          terminationGracePeriodSeconds: 1,
          automountServiceAccountToken: false,
          containers: [
            {
              name: 'probe',
              image,
              imagePullPolicy: 'IfNotPresent',
              resources: { requests: size, limits: size },
            },
          ],
        },
      },
    },
  };
}

async function podsOf(
  reader: ClusterReader,
  namespace: string,
  jobName: string,
) {
  const pods: KubeObject[] = [];
  for await (const page of reader.listPages(
    `/api/v1/namespaces/${namespace}/pods`,
    {
      labelSelector: `${JOB_LABEL}=${jobName}`,
    },
  ))
    pods.push(...page);
  return pods as Array<
    KubeObject & { spec?: { nodeName?: string }; status?: { phase?: string } }
  >;
}

/**
 * Creates the probe's own ResourceFlavor, ClusterQueue (tiny quota, no cohort, admitting only the
 * probe namespace) and LocalQueue; all carry the probe label and are deleted with the scope.
 */
async function createProbeQueue(
  reader: ClusterReader,
  discovery: ApiDiscovery,
  scope: ProbeScope,
): Promise<
  { queue: string; clusterQueuePath: string; list: Evidence[] } | undefined
> {
  const flavors = findResource(discovery, 'kueue.x-k8s.io', 'resourceflavors');
  const clusterQueues = findResource(
    discovery,
    'kueue.x-k8s.io',
    'clusterqueues',
  );
  const localQueues = findResource(discovery, 'kueue.x-k8s.io', 'localqueues');
  if (!flavors || !clusterQueues || !localQueues) return undefined;
  const name = scope.namespace;
  const metadata = { name, ...probeObjectMetadata() };
  const { quota } = GANG_PROBE_LIMITS;
  const flavorPath = `${collectionPath(flavors)}/${name}`;
  scope.deleteAfterwards(flavorPath);
  await reader.create(collectionPath(flavors), {
    apiVersion: `kueue.x-k8s.io/${flavors.version}`,
    kind: 'ResourceFlavor',
    metadata,
    spec: {},
  });
  const clusterQueuePath = `${collectionPath(clusterQueues)}/${name}`;
  scope.deleteAfterwards(clusterQueuePath);
  await reader.create(collectionPath(clusterQueues), {
    apiVersion: `kueue.x-k8s.io/${clusterQueues.version}`,
    kind: 'ClusterQueue',
    metadata,
    spec: {
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': scope.namespace },
      },
      resourceGroups: [
        {
          coveredResources: ['cpu', 'memory', 'pods'],
          flavors: [
            {
              name,
              resources: [
                { name: 'cpu', nominalQuota: quota.cpu },
                { name: 'memory', nominalQuota: quota.memory },
                { name: 'pods', nominalQuota: quota.pods },
              ],
            },
          ],
        },
      ],
    },
  });
  await reader.create(collectionPath(localQueues, scope.namespace), {
    apiVersion: `kueue.x-k8s.io/${localQueues.version}`,
    kind: 'LocalQueue',
    metadata: {
      name: 'probe',
      namespace: scope.namespace,
      ...probeObjectMetadata(),
    },
    spec: { clusterQueue: name },
  });
  const apiVersion = `kueue.x-k8s.io/${clusterQueues.version}`;
  return {
    queue: 'probe',
    clusterQueuePath,
    list: [
      evidence(
        `Probe ClusterQueue ${name} (quota ${quota.pods} pods, ${quota.cpu} CPU, ${quota.memory}; no cohort) with LocalQueue ${scope.namespace}/probe`,
        { apiVersion, kind: 'ClusterQueue', name },
      ),
    ],
  };
}

/**
 * `gang_scheduling` probe with Kueue. It brings its own tiny queue, so it never competes with
 * real workloads: a Job that fits the quota exactly must get all its pods bound (positive case);
 * a Job one pod larger than the quota must get none bound or Running within the window (negative
 * case: all-or-nothing admission, proven by quota rather than by size). Probe pods run the pause
 * image with requests of 5m CPU / 8Mi; at most `GANG_PROBE_LIMITS.pods` exist at any time.
 *
 * @public
 */
export async function gangSchedulingProbe(
  reader: ClusterReader,
  discovery: ApiDiscovery,
  clusterQueues: KubeObject[],
  scope: ProbeScope,
  options: ProbeOptions,
  signal?: AbortSignal,
): Promise<ProbeOutcome> {
  const namespace = scope.namespace;
  const kueueRuns = clusterQueues.some(q =>
    conditionTrue(reduceConditions((q as any).status?.conditions), 'Active'),
  );
  if (!kueueRuns) {
    return {
      skipped: true,
      reason:
        'The gang-scheduling probe needs a running Kueue (an Active ClusterQueue shows that its controller works).',
    };
  }
  const image = options.image ?? DEFAULT_IMAGE;
  const positiveTimeoutMs = options.gangPositiveTimeoutMs ?? 60_000;
  const list: Evidence[] = [];
  try {
    const own = await createProbeQueue(reader, discovery, scope);
    if (!own) {
      return {
        skipped: true,
        reason:
          'Kueue ResourceFlavors, ClusterQueues or LocalQueues are not served.',
      };
    }
    list.push(...own.list);
    const jobs = `/apis/batch/v1/namespaces/${namespace}/jobs`;

    // Positive: exactly the quota; every pod must be bound (or the Job complete).
    await reader.create(
      jobs,
      job(namespace, 'gang-positive', own.queue, GANG_PROBE_LIMITS.pods, image),
    );
    const positive = await pollUntil(
      async () => {
        const j = await reader.get<
          KubeObject & { status?: { conditions?: unknown } }
        >(`${jobs}/gang-positive`);
        if (
          j &&
          conditionTrue(reduceConditions(j.status?.conditions), 'Complete')
        )
          return 'completed';
        const pods = await podsOf(reader, namespace, 'gang-positive');
        return pods.length >= GANG_PROBE_LIMITS.pods &&
          pods.every(p => p.spec?.nodeName)
          ? 'bound'
          : undefined;
      },
      { timeoutMs: positiveTimeoutMs, intervalMs: 1000, signal },
    );
    await reader.delete(`${jobs}/gang-positive`, {
      propagationPolicy: 'Foreground',
    });
    if (!positive) {
      return {
        verdict: 'fail',
        reason: `Positive case: a ${
          GANG_PROBE_LIMITS.pods
        }-pod Job on the probe's own ClusterQueue did not get all its pods scheduled within ${Math.round(
          positiveTimeoutMs / 1000,
        )} s; check that the Kueue controller runs and manages batch/v1 Jobs.`,
        evidence: list,
      };
    }
    list.push(
      evidence(
        `Positive case: ${GANG_PROBE_LIMITS.pods}-pod Job ${
          positive === 'completed'
            ? 'completed'
            : 'had every pod bound to a node'
        }`,
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: 'gang-positive',
          namespace,
        },
      ),
    );
    // The quota is free again once the positive pods are gone.
    await pollUntil(
      async () =>
        (await podsOf(reader, namespace, 'gang-positive')).length === 0
          ? true
          : undefined,
      {
        timeoutMs: 30_000,
        intervalMs: 500,
        signal,
      },
    );

    // Negative: one pod more than the quota; no pod may be bound or Running in the window.
    const oversized = GANG_PROBE_LIMITS.pods + 1;
    await reader.create(
      jobs,
      job(namespace, 'gang-negative', own.queue, oversized, image),
    );
    const windowMs = options.gangNegativeWindowMs ?? 30_000;
    const started = await pollUntil(
      async () => {
        const pods = await podsOf(reader, namespace, 'gang-negative');
        const bad = pods.filter(
          p => p.spec?.nodeName || p.status?.phase === 'Running',
        );
        return bad.length ? bad.length : undefined;
      },
      { timeoutMs: windowMs, intervalMs: Math.min(1000, windowMs / 3), signal },
    );
    await reader.delete(`${jobs}/gang-negative`);
    if (started) {
      return {
        verdict: 'fail',
        reason: `Negative case: ${started} pod(s) of a ${oversized}-pod Job started although its quota admits ${GANG_PROBE_LIMITS.pods}; admission is not all-or-nothing.`,
        evidence: list,
      };
    }
    list.push(
      evidence(
        `Negative case: no pod of a ${oversized}-pod Job (quota ${
          GANG_PROBE_LIMITS.pods
        }) was bound or Running during ${Math.round(windowMs / 1000)} s`,
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: 'gang-negative',
          namespace,
        },
      ),
    );
    return {
      verdict: 'pass',
      reason: `Gang scheduling works: a Job that fits the probe's quota ran as a whole, and a Job one pod larger started no pod.`,
      evidence: list,
    };
  } catch (error) {
    if (isKubeApiError(error)) {
      return {
        verdict: 'error',
        reason: `The gang-scheduling probe could not run: ${error.message}`,
        evidence: list,
      };
    }
    throw error;
  }
}
