/* `yarn bench:capacity`: our capacity snapshot side by side with kubectl-view-allocations on the
   same cluster, and the figures of both compared node by node:
   1. wall time ≤ ¼ of kubectl-view-allocations';
   2. peak RSS ≤ ½ of kubectl-view-allocations' and < 500 MB at BENCH_NODES/BENCH_PODS (default
      5,000 / 50,000);
   3. a snapshot taken together with an evaluation adds no second read of nodes and pods
      (request counts per collection);
   4. per-node allocatable and allocated of every accelerator resource equal
      kubectl-view-allocations' and, on BENCH_DESCRIBE_NODES sampled nodes (default 50),
      `kubectl describe nodes`'.

   The cluster: BENCH_KUBECONFIG names a running local control plane used as it is (e.g. one
   scaled with `yarn cluster:scale`); otherwise a bare one is started and scaled here (KWOK H100
   nodes, every 4th pod asks for a GPU). No scenario is applied unless BENCH_SCENARIO names one:
   a scenario's DaemonSets (conformant-nvidia has nine that tolerate everything or select GPU
   Operator labels) would put one pod on every scale node, 45,000 pods more than the 50,000
   measured, and the controller manager would still be creating them while both tools read.
   kubectl is built
   from the pinned Kubernetes module and kubectl-view-allocations with cargo, into the cache,
   when missing. Every measurement of ours runs in a child process (bench/capacityOnce.ts) so
   that its peak RSS is ours alone; the other tool runs under /usr/bin/time. BENCH_RUNS (default
   3) runs of each are measured and the medians compared. Measured figures, and where the time
   goes (API server alone, transport, decoding, GC): the node README, "Capacity benchmark". */
/* eslint-disable no-console */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  ensureCargoTool,
  ensureKubectl,
  resolveVersions,
  RestClient,
  credentialsFromKubeconfig,
  runScale,
  startOrReuseCluster,
  waitFor,
} from '@internal/local-cluster';
import {
  compareAllocations,
  runDescribeNodes,
  runViewAllocations,
  type NodeAllocations,
  type ReferenceRun,
} from '../src/capacity/references';
import { classifyResource } from '../src/capacity/resourceKinds';
import { VENDOR_PROFILES } from '../src/vendors/profiles';
import type { CapacitySnapshot } from '@internal/plugin-ai-conformance-common';

const MB = 1_000_000;

interface Once {
  mode: string;
  wallMs: number;
  apiRequests: number;
  requestsByPath: Record<string, number>;
  peakRssMiB: number;
  snapshotBytes: number;
  totals?: CapacitySnapshot['totals'];
  perNode?: Record<string, Record<string, [number, number]>>;
}

function once(mode: string, kubeconfig: string): Once {
  const out = execFileSync(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'capacityOnce.ts'),
      mode,
      kubeconfig,
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

const median = <T>(xs: T[], by: (x: T) => number) =>
  [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)];
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (mib: number) => `${Math.round((mib * 1024 * 1024) / MB)} MB`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const isAccelerator = (r: string) =>
  classifyResource(r, VENDOR_PROFILES) !== undefined;

/** Our per-node figures in the shape compareAllocations reads. */
function asSnapshot(perNode: NonNullable<Once['perNode']>): CapacitySnapshot {
  return {
    nodes: Object.entries(perNode).map(([name, resources]) => ({
      name,
      ready: true,
      unschedulable: false,
      accelerators: [
        {
          vendor: '',
          model: '',
          resources: Object.entries(resources).map(
            ([resource, [allocatable, allocated]]) => ({
              resource,
              kind: 'device' as const,
              capacity: allocatable,
              allocatable,
              allocated,
              free: allocatable - allocated,
            }),
          ),
          dra: { physical: 0, devices: 0, allocated: 0, free: 0 },
          devices: { allocatable: 0, allocated: 0, free: 0 },
          sources: [],
        },
      ],
      dra: { physical: 0, devices: 0, allocated: 0, free: 0 },
    })),
  } as unknown as CapacitySnapshot;
}

function only(reference: NodeAllocations, nodes: string[]): NodeAllocations {
  return Object.fromEntries(nodes.map(n => [n, reference[n] ?? {}]));
}

async function count(client: RestClient, collection: string): Promise<number> {
  const list = await client.get(
    `${collection}${collection.includes('?') ? '&' : '?'}limit=1`,
  );
  return list.items.length + (list.metadata?.remainingItemCount ?? 0);
}

async function main() {
  const log = (l: string) => console.error(l);
  const nodes = Number(process.env.BENCH_NODES ?? 5000);
  const pods = Number(process.env.BENCH_PODS ?? 50000);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const sample = Number(process.env.BENCH_DESCRIBE_NODES ?? 50);
  const reused = process.env.BENCH_KUBECONFIG;
  const cluster = reused
    ? {
        kubeconfig: reused,
        client: () =>
          new RestClient(credentialsFromKubeconfig(reused, 'admin'), 8),
        stop: async () => undefined,
      }
    : await startOrReuseCluster({
        scenario: process.env.BENCH_SCENARIO || undefined,
        log,
      });
  const results: string[] = [];
  try {
    const admin = cluster.client('admin');
    const [kubectl, kva] = await Promise.all([
      ensureKubectl(resolveVersions(), log),
      ensureCargoTool(
        'kubectl-view-allocations',
        'kubectl-view-allocations',
        log,
      ),
    ]);
    let size = {
      nodes: await count(admin, '/api/v1/nodes'),
      pods: await count(admin, '/api/v1/pods'),
    };
    if (
      !process.env.BENCH_SKIP_SCALE &&
      (size.nodes < nodes || size.pods < pods)
    ) {
      const scale = await runScale(admin, {
        nodes,
        pods,
        waitScheduled: true,
        concurrency: 64,
        log,
      });
      console.log(
        `scale: ${scale.nodes} nodes in ${scale.nodeSeconds.toFixed(1)} s, ${
          scale.pods
        } pods in ${scale.podSeconds.toFixed(1)} s`,
      );
      size = {
        nodes: await count(admin, '/api/v1/nodes'),
        pods: await count(admin, '/api/v1/pods'),
      };
    }
    // kubectl-view-allocations counts a Pending pod only once PodScheduled=True: wait until
    // every pod is Running so that both tools see the same pods
    await waitFor(
      'every pod Running',
      async () =>
        (
          await admin.get(
            '/api/v1/pods?fieldSelector=status.phase%3DPending&limit=1',
          )
        ).items.length === 0,
      60 * 60 * 1000,
      5000,
    );
    const daemonPods = await count(
      admin,
      '/api/v1/pods?labelSelector=pod-template-generation',
    );
    console.log(
      `cluster: ${size.nodes} nodes, ${size.pods} pods (${daemonPods} of them DaemonSet pods)`,
    );

    const ours: Once[] = [];
    const theirs: ReferenceRun[] = [];
    for (let i = 0; i < runs; i++) {
      const o = once('capacity', cluster.kubeconfig);
      ours.push(o);
      console.log(
        `ours run ${i + 1}/${runs}: ${secs(o.wallMs)}, ${
          o.apiRequests
        } API requests, peak RSS ${mb(o.peakRssMiB)}, snapshot ${(
          o.snapshotBytes / MB
        ).toFixed(1)} MB JSON`,
      );
      try {
        const t = await runViewAllocations(kva, cluster.kubeconfig, 'reader');
        theirs.push(t);
        console.log(
          `kubectl-view-allocations run ${i + 1}/${runs}: ${secs(t.wallMs)}, ${
            t.requests?.length
          } API requests, peak RSS ${mb(t.peakRssMiB)}`,
        );
      } catch (error) {
        // its one unpaged list of every pod can outlast the API server's request timeout
        console.log(
          `kubectl-view-allocations run ${i + 1}/${runs} FAILED: ${(
            error as Error
          ).message
            .split('\n')
            .slice(0, 4)
            .join(' ')}`,
        );
      }
    }
    if (!theirs.length)
      throw new Error(
        'kubectl-view-allocations failed on every run; nothing to compare with',
      );
    const o = median(ours, x => x.wallMs);
    const t = median(theirs, x => x.wallMs);
    const oRss = Math.max(...ours.map(x => x.peakRssMiB));
    const tRss = median(theirs, x => x.peakRssMiB).peakRssMiB;
    const theirRequests = t.requests ?? [];
    console.log('');
    console.log(
      '                     ours (capacity snapshot)   kubectl-view-allocations',
    );
    console.log(
      `wall time (median)   ${secs(o.wallMs).padEnd(27)}${secs(t.wallMs)}`,
    );
    console.log(
      `API requests         ${String(o.apiRequests).padEnd(27)}${
        theirRequests.length
      } (${theirRequests.join(', ')}; unpaged)`,
    );
    console.log(`peak RSS             ${mb(oRss).padEnd(27)}${mb(tRss)}`);
    console.log(`our requests by path: ${JSON.stringify(o.requestsByPath)}`);

    const evaluation = once('evaluate', cluster.kubeconfig);
    const together = once('evaluate+capacity', cluster.kubeconfig);
    const lists = (x: Once, p: string) => x.requestsByPath[p] ?? 0;
    console.log(
      `evaluation alone: ${evaluation.apiRequests} requests (${lists(
        evaluation,
        '/api/v1/nodes',
      )} for nodes, ${lists(evaluation, '/api/v1/pods')} for pods), ${secs(
        evaluation.wallMs,
      )}; ` +
        `evaluation + snapshot: ${together.apiRequests} requests (${lists(
          together,
          '/api/v1/nodes',
        )} for nodes, ${lists(together, '/api/v1/pods')} for pods), ${secs(
          together.wallMs,
        )}, peak RSS ${mb(together.peakRssMiB)}`,
    );

    const kvaDiff = compareAllocations(
      asSnapshot(o.perNode!),
      t.allocations,
      isAccelerator,
    );
    console.log(
      `per node vs kubectl-view-allocations: ${
        kvaDiff.compared
      } figures compared, ${kvaDiff.differences.length} differ ${JSON.stringify(
        kvaDiff.differences.slice(0, 5),
      )}`,
    );
    const sampled = Object.keys(o.perNode!)
      .sort()
      .filter(
        (_, i, all) => i % Math.max(1, Math.floor(all.length / sample)) === 0,
      )
      .slice(0, sample);
    const described = await runDescribeNodes(
      kubectl,
      cluster.kubeconfig,
      'reader',
      sampled,
    );
    const ourSample = asSnapshot(
      Object.fromEntries(sampled.map(n => [n, o.perNode![n]])),
    );
    const describeDiff = compareAllocations(
      ourSample,
      only(described.allocations, sampled),
      isAccelerator,
    );
    console.log(
      `per node vs kubectl describe nodes (${sampled.length} nodes): ${
        describeDiff.compared
      } figures compared, ${
        describeDiff.differences.length
      } differ ${JSON.stringify(describeDiff.differences.slice(0, 5))}`,
    );
    const gpu = o.totals?.resources.find(r => r.resource === 'nvidia.com/gpu');
    const kvaGpu = Object.values(t.allocations).reduce(
      (sum, r) => ({
        a: sum.a + (r['nvidia.com/gpu']?.allocatable ?? 0),
        q: sum.q + (r['nvidia.com/gpu']?.requested ?? 0),
      }),
      { a: 0, q: 0 },
    );
    console.log(
      `cluster nvidia.com/gpu: ours ${gpu?.allocatable} allocatable / ${gpu?.allocated} allocated; kubectl-view-allocations ${kvaGpu.a} / ${kvaGpu.q}`,
    );

    const big = size.nodes >= nodes && size.pods >= pods;
    results.push(
      `wall time <= 1/4 of kubectl-view-allocations: ${verdict(
        o.wallMs * 4 <= t.wallMs,
      )} (${secs(o.wallMs)} vs ${secs(t.wallMs)}, ratio ${(
        o.wallMs / t.wallMs
      ).toFixed(2)})`,
    );
    results.push(
      `peak RSS <= 1/2 of kubectl-view-allocations: ${verdict(
        oRss * 2 <= tRss,
      )} (${mb(oRss)} vs ${mb(tRss)})`,
    );
    results.push(
      `peak RSS < 500 MB at ${nodes}/${pods}: ${verdict(
        big && (oRss * 1024 * 1024) / MB < 500,
      )} (${mb(oRss)} on ${size.nodes} nodes / ${size.pods} pods${
        big ? '' : '; cluster smaller than the target'
      })`,
    );
    results.push(
      `snapshot with an evaluation reads nodes and pods once: ${verdict(
        lists(together, '/api/v1/nodes') ===
          lists(evaluation, '/api/v1/nodes') &&
          lists(together, '/api/v1/pods') === lists(evaluation, '/api/v1/pods'),
      )} (${
        together.apiRequests - evaluation.apiRequests
      } extra request(s): ${JSON.stringify(
        Object.fromEntries(
          Object.entries(together.requestsByPath).filter(
            ([p, n]) => n !== (evaluation.requestsByPath[p] ?? 0),
          ),
        ),
      )})`,
    );
    results.push(
      `figures equal kubectl-view-allocations and kubectl describe nodes: ${verdict(
        !kvaDiff.differences.length &&
          !describeDiff.differences.length &&
          kvaDiff.compared > 0,
      )}`,
    );
  } finally {
    console.log(results.map(r => `TARGET ${r}`).join('\n'));
    await cluster.stop();
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
