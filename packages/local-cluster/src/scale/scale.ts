import { KubeObject, RestClient, runPool, waitFor } from '../client/rest';
import { H100 } from '../scenarios/nvidia';
import { gfdLabels, kwokNode } from '../scenarios/nodes';

export interface ScaleOptions {
  nodes: number;
  pods: number;
  /** Requests in flight; the API server has 2 cores, so more than ~64 only queues. */
  concurrency?: number;
  /** Every n-th pod requests one nvidia.com/gpu (0: none). */
  gpuEvery?: number;
  /** Wait until every pod is bound (and report how long scheduling took). */
  waitScheduled?: boolean;
  /**
   * Create pods already bound (spec.nodeName, in equal contiguous blocks per scale node) so that the
   * scheduler is not the bottleneck. Default true; it falls back to the scheduler when the
   * pods would not fit (more than 110 pods or 8 GPUs per node). False: the real scheduler places them.
   */
  preBind?: boolean;
  namespace?: string;
  log?: (l: string) => void;
}

export interface ScaleResult {
  nodes: number;
  pods: number;
  nodeSeconds: number;
  podSeconds: number;
  scheduledSeconds?: number;
  /** Pods were created bound to their node rather than placed by the scheduler. */
  preBound: boolean;
  errors: number;
}

const SCALE_LABEL = 'local-cluster.ai-conformance-suite/scale';

function scaleNodeName(i: number): string {
  return `scale-gpu-${String(i).padStart(5, '0')}`;
}

function scaleNode(i: number): KubeObject {
  const node = kwokNode({
    name: scaleNodeName(i),
    instanceType: 'p5.48xlarge',
    zone: `us-east-1${'abcd'[i % 4]}`,
    cpu: 192,
    memoryGi: 2048,
    labels: { ...gfdLabels(H100, {}), [SCALE_LABEL]: 'true' },
    extended: { 'nvidia.com/gpu': '8' },
  });
  return node;
}

function scalePod(
  ns: string,
  i: number,
  gpu: boolean,
  nodeName?: string,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `scale-pod-${String(i).padStart(6, '0')}`,
      namespace: ns,
      labels: { [SCALE_LABEL]: 'true', app: 'scale' },
    },
    spec: {
      // KWOK nodes only: no real kubelet should ever see these
      nodeSelector: { [SCALE_LABEL]: 'true' },
      ...(nodeName ? { nodeName } : {}),
      // no token volume: less admission work and smaller objects; KWOK mounts nothing
      automountServiceAccountToken: false,
      containers: [
        {
          name: 'main',
          image: 'registry.k8s.io/pause:3.10',
          resources: {
            requests: {
              cpu: '100m',
              memory: '256Mi',
              ...(gpu ? { 'nvidia.com/gpu': '1' } : {}),
            },
            ...(gpu ? { limits: { 'nvidia.com/gpu': '1' } } : {}),
          },
        },
      ],
      terminationGracePeriodSeconds: 0,
    },
  };
}

async function createAll(
  client: RestClient,
  objs: KubeObject[],
  concurrency: number,
  what: string,
  log: (l: string) => void,
) {
  let done = 0;
  let errors = 0;
  let lastError = '';
  const started = Date.now();
  const timer = setInterval(
    () =>
      log(
        `  ${what}: ${done}/${objs.length} (${Math.round(
          done / ((Date.now() - started) / 1000),
        )}/s)`,
      ),
    10000,
  );
  try {
    await runPool(objs, concurrency, async obj => {
      for (let attempt = 0; ; attempt++) {
        try {
          await client.create(obj);
          break;
        } catch (e: any) {
          if (e.status === 409) break; // already there (re-run)
          if (
            attempt < 5 &&
            (e.status === 429 || e.status >= 500 || !e.status)
          ) {
            await new Promise(r => setTimeout(r, 200 * (attempt + 1)));
            continue;
          }
          errors++;
          lastError = e.message;
          break;
        }
      }
      done++;
    });
  } finally {
    clearInterval(timer);
  }
  if (errors) log(`  ${what}: ${errors} failed; last error: ${lastError}`);
  return { seconds: (Date.now() - started) / 1000, errors };
}

/** Creates N KWOK GPU nodes and M pods with bounded concurrency and reports the timings. */
export async function runScale(
  client: RestClient,
  opts: ScaleOptions,
): Promise<ScaleResult> {
  const log = opts.log ?? (() => {});
  const concurrency = opts.concurrency ?? 48;
  const ns = opts.namespace ?? 'scale';
  const gpuEvery = opts.gpuEvery ?? 4;
  // Pre-bound pods skip the scheduler (binding write, event, filtering 5,000 nodes per pod),
  // which otherwise limits creation to ~50 pods/s on 2 cores.
  const podsPerNode =
    opts.nodes > 0 ? Math.ceil(opts.pods / opts.nodes) : Infinity;
  const gpusPerNode = gpuEvery > 0 ? Math.ceil(podsPerNode / gpuEvery) : 0;
  const preBind =
    (opts.preBind ?? true) && podsPerNode <= 110 && gpusPerNode <= 8;
  if ((opts.preBind ?? true) && !preBind) {
    log(
      `pods do not fit the ${opts.nodes} scale nodes when spread evenly; the scheduler places them`,
    );
  }

  await client.apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  });
  await waitFor(
    `service account in ${ns}`,
    () =>
      client
        .get(`/api/v1/namespaces/${ns}/serviceaccounts/default`)
        .then(() => true),
    60000,
  );

  log(`creating ${opts.nodes} KWOK nodes (concurrency ${concurrency})`);
  const nodes = await createAll(
    client,
    Array.from({ length: opts.nodes }, (_, i) => scaleNode(i)),
    concurrency,
    'nodes',
    log,
  );
  log(
    `created ${opts.nodes} nodes in ${nodes.seconds.toFixed(1)}s (${Math.round(
      opts.nodes / nodes.seconds,
    )}/s)`,
  );

  log(
    `creating ${opts.pods} pods (every ${
      gpuEvery || 'no'
    }th requests nvidia.com/gpu${preBind ? ', bound to their node' : ''})`,
  );
  const podsStarted = Date.now();
  const pods = await createAll(
    client,
    Array.from({ length: opts.pods }, (_, i) =>
      scalePod(
        ns,
        i,
        gpuEvery > 0 && i % gpuEvery === 0,
        // contiguous blocks (pods 0–9 on the first node, …): round-robin would put every GPU pod
        // on every 4th node when the node count is a multiple of gpuEvery (10 GPUs on 8)
        preBind ? scaleNodeName(Math.floor(i / podsPerNode)) : undefined,
      ),
    ),
    concurrency,
    'pods',
    log,
  );
  log(
    `created ${opts.pods} pods in ${pods.seconds.toFixed(1)}s (${Math.round(
      opts.pods / pods.seconds,
    )}/s)`,
  );

  let scheduledSeconds: number | undefined;
  if (opts.waitScheduled) {
    await waitFor(
      'all scale pods to be bound',
      async () => {
        const list = await client.get(
          `/api/v1/namespaces/${ns}/pods?fieldSelector=spec.nodeName%3D&limit=1`,
        );
        const left =
          (list.metadata?.remainingItemCount ?? 0) + list.items.length;
        return left === 0;
      },
      60 * 60 * 1000,
      2000,
    );
    scheduledSeconds = (Date.now() - podsStarted) / 1000;
    log(
      `all ${opts.pods} pods bound ${scheduledSeconds.toFixed(
        1,
      )}s after pod creation began`,
    );
  }
  return {
    nodes: opts.nodes,
    pods: opts.pods,
    nodeSeconds: nodes.seconds,
    podSeconds: pods.seconds,
    scheduledSeconds,
    preBound: preBind,
    errors: nodes.errors + pods.errors,
  };
}
