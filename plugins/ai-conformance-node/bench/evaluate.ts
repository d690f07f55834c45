/* `yarn bench:evaluate`: measures the engine against the targets of the conformance-engine issue
   and prints PASS/FAIL for each:
   1. a passive evaluation makes at most 30 API requests plus further list pages;
   2. a cluster of BENCH_NODES/BENCH_PODS (default 5,000 / 50,000) is evaluated in under 10 s
      with a peak RSS under 500 MB;
   3. a fleet of BENCH_FLEET (default 200) registrations is evaluated within 60 s.

   The cluster: BENCH_KUBECONFIG names a running local control plane used as it is (e.g. one
   already scaled); otherwise one is started with BENCH_SCENARIO (default conformant-nvidia), or
   LOCAL_CLUSTER_KUBECONFIG is reused with the scenario applied, as the test helper does. The fleet's registrations point round-robin at the
   kubeconfigs in BENCH_FLEET_KUBECONFIGS (comma-separated, e.g. the demo clusters), else at the
   benchmark cluster itself before it is scaled: 200 registrations of a few real control planes,
   not 200 control planes. Then the cluster is scaled with KWOK nodes and pods (skipped when it
   already has that many; BENCH_SKIP_SCALE=1 skips the step), the benchmark waits until no pod is
   unbound or Pending, and BENCH_RUNS (default 3) evaluations are measured, the median judged.
   Every measurement runs in a child process (bench/evaluateOnce.ts) so that its peak RSS is the
   engine's alone. */
/* eslint-disable no-console */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import {
  RestClient,
  credentialsFromKubeconfig,
  runScale,
  startOrReuseCluster,
  waitFor,
} from '@internal/local-cluster';
import { KubeClusterReader } from '../src/cluster/KubeClusterReader';

const MB = 1_000_000;
const TARGETS = {
  requestsPerEvaluation: 30,
  scaleSeconds: 10,
  scaleRssMB: 500,
  fleetSeconds: 60,
};

interface Measurement {
  registrations: number;
  controlPlanes: number;
  concurrency: number;
  apiRequests: number;
  continuationRequests: number;
  maxRequestsPerEvaluation: number;
  maxFirstRequestsPerEvaluation: number;
  wallMs: number;
  medianEvaluationMs: number;
  maxEvaluationMs: number;
  peakRssMiB: number;
  verdicts: Record<string, number>;
}

function measure(
  kubeconfigs: string[],
  registrations: number,
  concurrency: number,
): Measurement {
  const out = execFileSync(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'evaluateOnce.ts'),
      JSON.stringify({ kubeconfigs, registrations, concurrency }),
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** Objects in a collection: the first page's items plus the server's remainingItemCount. */
async function count(client: RestClient, collection: string): Promise<number> {
  const list = await client.get(`${collection}?limit=1`);
  return list.items.length + (list.metadata?.remainingItemCount ?? 0);
}

async function clusterSize(kubeconfig: string) {
  const client = new RestClient(
    credentialsFromKubeconfig(kubeconfig, 'admin'),
    2,
  );
  try {
    return {
      nodes: await count(client, '/api/v1/nodes'),
      pods: await count(client, '/api/v1/pods'),
    };
  } finally {
    client.close();
  }
}

/**
 * Waits until every pod is bound (creation and scheduling finished), so that the measurement is
 * not polluted by them, and reports how many pods KWOK has not yet marked Running (it patches
 * their status a few at a time; those pods are complete objects without a running status).
 */
async function waitQuiet(
  client: RestClient,
  kubeconfig: string,
  log: (l: string) => void,
): Promise<number> {
  const started = Date.now();
  await waitFor(
    'every pod bound',
    async () => {
      const unbound = await client.get(
        '/api/v1/pods?fieldSelector=spec.nodeName%3D&limit=1',
      );
      return unbound.items.length === 0;
    },
    60 * 60 * 1000,
    5000,
  );
  log(
    `every pod bound after ${((Date.now() - started) / 1000).toFixed(
      0,
    )} s of waiting`,
  );
  // Let the last writes reach the watch cache.
  await new Promise(resolve => setTimeout(resolve, 5000));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfig);
  const reader = new KubeClusterReader({
    kubeConfig,
    requestTimeoutMs: 120_000,
  });
  let pending = 0;
  try {
    for await (const page of reader.listPages('/api/v1/pods', {
      metadataOnly: true,
      fieldSelector: 'status.phase=Pending',
      pageSize: 5000,
    })) {
      pending += page.length;
    }
  } finally {
    await reader.close();
  }
  return pending;
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rss = (mib: number) =>
  `${mib} MiB (${Math.round((mib * 1024 * 1024) / MB)} MB)`;

async function main() {
  const log = (l: string) => console.error(l);
  const nodes = Number(process.env.BENCH_NODES ?? 5000);
  const pods = Number(process.env.BENCH_PODS ?? 50000);
  const fleet = Number(process.env.BENCH_FLEET ?? 200);
  const fleetConcurrency = Number(process.env.BENCH_FLEET_CONCURRENCY ?? 25);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const scenario = process.env.BENCH_SCENARIO ?? 'conformant-nvidia';
  const results: string[] = [];
  // BENCH_KUBECONFIG: a running cluster used as it is (no scenario applied, never stopped here).
  const reused = process.env.BENCH_KUBECONFIG;
  const cluster = reused
    ? {
        kubeconfig: reused,
        client: (_context: 'admin') =>
          new RestClient(credentialsFromKubeconfig(reused, 'admin'), 8),
        stop: async () => undefined,
      }
    : await startOrReuseCluster({ scenario, log });
  try {
    const admin = cluster.client('admin');

    // Fleet
    const fleetKubeconfigs = process.env.BENCH_FLEET_KUBECONFIGS?.split(
      ',',
    ).filter(Boolean) ?? [cluster.kubeconfig];
    const planes = await Promise.all(
      fleetKubeconfigs.map(async k => ({ k, ...(await clusterSize(k)) })),
    );
    if (planes.some(p => p.pods > 5000)) {
      results.push(
        `fleet: SKIPPED: a fleet control plane already has ${Math.max(
          ...planes.map(p => p.pods),
        )} pods; set BENCH_FLEET_KUBECONFIGS to small clusters`,
      );
    } else {
      const f = measure(fleetKubeconfigs, fleet, fleetConcurrency);
      console.log(
        `fleet: ${f.registrations} registrations over ${
          f.controlPlanes
        } control plane(s) (${planes
          .map(
            p =>
              `${path.basename(path.dirname(p.k))}: ${p.nodes} nodes/${
                p.pods
              } pods`,
          )
          .join('; ')}), ${f.concurrency} at a time: ${seconds(f.wallMs)}, ${
          f.apiRequests
        } API requests (at most ${
          f.maxRequestsPerEvaluation
        } per evaluation), median evaluation ${seconds(
          f.medianEvaluationMs,
        )}, peak RSS ${rss(f.peakRssMiB)}; verdicts ${JSON.stringify(
          f.verdicts,
        )}`,
      );
      results.push(
        `fleet of ${fleet} within ${TARGETS.fleetSeconds} s: ${verdict(
          f.wallMs < TARGETS.fleetSeconds * 1000 && f.registrations >= 200,
        )} (${seconds(f.wallMs)}, ${f.registrations} registrations, ${
          f.controlPlanes
        } control plane(s))`,
      );
      results.push(
        `requests per passive evaluation (small cluster) <= ${
          TARGETS.requestsPerEvaluation
        } + list pages: ${verdict(
          f.maxFirstRequestsPerEvaluation <= TARGETS.requestsPerEvaluation,
        )} (at most ${f.maxFirstRequestsPerEvaluation} + ${
          f.maxRequestsPerEvaluation - f.maxFirstRequestsPerEvaluation
        } further list pages)`,
      );
    }

    // Scale
    if (!process.env.BENCH_SKIP_SCALE) {
      const before = await clusterSize(cluster.kubeconfig);
      if (before.nodes >= nodes && before.pods >= pods) {
        log(
          `cluster already has ${before.nodes} nodes and ${before.pods} pods; not scaling`,
        );
      } else {
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
          } pods in ${scale.podSeconds.toFixed(1)} s (${
            scale.preBound
              ? 'created bound to their nodes'
              : 'placed by the scheduler'
          }; ${scale.errors} errors)`,
        );
      }
    }
    const pending = await waitQuiet(admin, cluster.kubeconfig, log);
    const size = await clusterSize(cluster.kubeconfig);
    console.log(
      `cluster measured: ${size.nodes} nodes, ${size.pods} pods (${
        size.pods - pending
      } Running or finished, ${pending} bound but still Pending)`,
    );
    const one: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      const m = measure([cluster.kubeconfig], 1, 1);
      one.push(m);
      console.log(
        `one cluster (${size.nodes} nodes, ${size.pods} pods) run ${
          i + 1
        }/${runs}: ${seconds(m.wallMs)}, ${m.apiRequests} API requests (${
          m.apiRequests - m.continuationRequests
        } + ${m.continuationRequests} further list pages), peak RSS ${rss(
          m.peakRssMiB,
        )}`,
      );
    }
    const byTime = [...one].sort((a, b) => a.wallMs - b.wallMs);
    const median = byTime[Math.floor(byTime.length / 2)];
    const peak = Math.max(...one.map(m => m.peakRssMiB));
    const firstRequests = Math.max(
      ...one.map(m => m.apiRequests - m.continuationRequests),
    );
    const bigEnough = size.nodes >= nodes && size.pods >= pods;
    results.push(
      `requests per passive evaluation (${size.nodes} nodes, ${
        size.pods
      } pods) <= ${TARGETS.requestsPerEvaluation} + list pages: ${verdict(
        firstRequests <= TARGETS.requestsPerEvaluation,
      )} (${firstRequests} + ${
        median.continuationRequests
      } further list pages)`,
    );
    results.push(
      `${nodes} nodes / ${pods} pods in under ${
        TARGETS.scaleSeconds
      } s with peak RSS under ${TARGETS.scaleRssMB} MB: ${verdict(
        bigEnough &&
          median.wallMs < TARGETS.scaleSeconds * 1000 &&
          (peak * 1024 * 1024) / MB < TARGETS.scaleRssMB,
      )} (measured ${size.nodes} nodes, ${size.pods} pods: median ${seconds(
        median.wallMs,
      )} of ${runs}, peak RSS ${rss(peak)}${
        bigEnough ? '' : '; the cluster is smaller than the target'
      })`,
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
