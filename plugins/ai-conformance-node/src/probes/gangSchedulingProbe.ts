import { Evidence } from '@internal/plugin-ai-conformance-common';
import { ApiDiscovery, collectionPath, findResource } from '../cluster/discovery';
import { ClusterReader, KubeObject } from '../cluster/ClusterReader';
import { evidence } from '../checks/RequirementCheck';
import { isKubeApiError } from '../errors';
import { conditionTrue, reduceConditions } from '../gather/reduce';
import { ProbeOptions } from '../types';
import { pollUntil, ProbeOutcome } from './ProbeResult';

const QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';
const DEFAULT_IMAGE = 'registry.k8s.io/e2e-test-images/busybox:1.36.1-1';

function job(namespace: string, name: string, queue: string, parallelism: number, image: string): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace, labels: { [QUEUE_LABEL]: queue } },
    spec: {
      parallelism,
      completions: parallelism,
      // Kueue admits the whole Job by unsuspending it; without a gang scheduler it would stay suspended.
      suspend: true,
      backoffLimit: 0,
      template: {
        metadata: { labels: { 'ai-conformance.backstage.io/probe-job': name } },
        spec: {
          restartPolicy: 'Never',
          terminationGracePeriodSeconds: 1,
          containers: [{ name: 'probe', image, command: ['sh', '-c', 'sleep 2'], resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
        },
      },
    },
  };
}

async function podsOf(reader: ClusterReader, namespace: string, jobName: string) {
  const pods: KubeObject[] = [];
  for await (const page of reader.listPages(`/api/v1/namespaces/${namespace}/pods`, {
    labelSelector: `ai-conformance.backstage.io/probe-job=${jobName}`,
  })) pods.push(...page);
  return pods as Array<KubeObject & { spec?: { nodeName?: string }; status?: { phase?: string } }>;
}

/**
 * `gang_scheduling` probe with Kueue and CPU Jobs: a 2-pod Job must get all its pods bound
 * (positive case); a Job with parallelism far above quota must get none bound or Running within
 * the window (negative case, the one that tells a gang scheduler apart from the default one).
 *
 * @public
 */
export async function gangSchedulingProbe(
  reader: ClusterReader,
  discovery: ApiDiscovery,
  clusterQueues: KubeObject[],
  namespace: string,
  options: ProbeOptions,
  signal?: AbortSignal,
): Promise<ProbeOutcome> {
  const localQueues = findResource(discovery, 'kueue.x-k8s.io', 'localqueues');
  const active = clusterQueues.find(q => conditionTrue(reduceConditions((q as any).status?.conditions), 'Active'));
  if (!localQueues || (!active && !options.kueueLocalQueue)) {
    return { skipped: true, reason: 'The gang-scheduling probe needs Kueue with an Active ClusterQueue (or a LocalQueue given in the probe options).' };
  }
  const image = options.image ?? DEFAULT_IMAGE;
  const list: Evidence[] = [];
  try {
    let queue = options.kueueLocalQueue;
    if (!queue) {
      queue = 'ai-conformance-probe';
      await reader.create(collectionPath(localQueues, namespace), {
        apiVersion: `kueue.x-k8s.io/${localQueues.version}`,
        kind: 'LocalQueue',
        metadata: { name: queue, namespace },
        spec: { clusterQueue: active!.metadata!.name },
      });
      list.push(evidence(`LocalQueue ${namespace}/${queue} → ClusterQueue ${active!.metadata!.name}`, { apiVersion: `kueue.x-k8s.io/${localQueues.version}`, kind: 'LocalQueue', name: queue, namespace }));
    }
    const jobs = `/apis/batch/v1/namespaces/${namespace}/jobs`;

    // Positive: 2 pods, small requests, all must be bound (or the Job complete).
    await reader.create(jobs, job(namespace, 'gang-positive', queue, 2, image));
    const positive = await pollUntil(async () => {
      const j = await reader.get<KubeObject & { status?: { conditions?: unknown } }>(`${jobs}/gang-positive`);
      if (j && conditionTrue(reduceConditions(j.status?.conditions), 'Complete')) return 'completed';
      const pods = await podsOf(reader, namespace, 'gang-positive');
      return pods.length >= 2 && pods.every(p => p.spec?.nodeName) ? 'bound' : undefined;
    }, { timeoutMs: options.gangPositiveTimeoutMs ?? 60_000, intervalMs: 1000, signal });
    if (!positive) {
      return { verdict: 'fail', reason: `Positive case: a 2-pod Job submitted through Kueue did not get all its pods scheduled within ${Math.round((options.gangPositiveTimeoutMs ?? 60_000) / 1000)} s; check that the Kueue controller runs and that the ClusterQueue admits workloads from this namespace.`, evidence: list };
    }
    list.push(evidence(`Positive case: 2-pod Job ${positive === 'completed' ? 'completed' : 'had every pod bound to a node'}`, { apiVersion: 'batch/v1', kind: 'Job', name: 'gang-positive', namespace }));
    await reader.delete(`${jobs}/gang-positive`);

    // Negative: parallelism far above any quota; no pod may be bound or Running in the window.
    await reader.create(jobs, job(namespace, 'gang-negative', queue, 1000, image));
    const windowMs = options.gangNegativeWindowMs ?? 30_000;
    const started = await pollUntil(async () => {
      const pods = await podsOf(reader, namespace, 'gang-negative');
      const bad = pods.filter(p => p.spec?.nodeName || p.status?.phase === 'Running');
      return bad.length ? bad.length : undefined;
    }, { timeoutMs: windowMs, intervalMs: Math.min(1000, windowMs / 3), signal });
    await reader.delete(`${jobs}/gang-negative`);
    if (started) {
      return { verdict: 'fail', reason: `Negative case: ${started} pod(s) of a 1000-pod Job started although the gang cannot fit; scheduling is not all-or-nothing.`, evidence: list };
    }
    list.push(evidence(`Negative case: no pod of a 1000-pod Job was bound or Running during ${Math.round(windowMs / 1000)} s`, { apiVersion: 'batch/v1', kind: 'Job', name: 'gang-negative', namespace }));
    return { verdict: 'pass', reason: 'Gang scheduling works: the small Job ran as a whole and the oversized Job started no pod.', evidence: list };
  } catch (error) {
    if (isKubeApiError(error)) {
      return { verdict: 'error', reason: `The gang-scheduling probe could not run: ${error.message}`, evidence: list };
    }
    throw error;
  }
}
