/* `yarn bench:evaluate`: starts a local control plane with the BENCH_SCENARIO scenario (default
   conformant-nvidia; or reuses LOCAL_CLUSTER_KUBECONFIG) and measures, each in a separate process
   so that the peak RSS is the engine's alone: a fleet of BENCH_FLEET (default 200) evaluations of
   that realistic cluster; then it adds BENCH_NODES KWOK nodes and BENCH_PODS pods (default
   5000 / 50000; BENCH_SKIP_SCALE=1 skips) and measures one passive evaluation of the big cluster. */
/* eslint-disable no-console */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { runScale, startOrReuseCluster } from '@internal/local-cluster';

function measure(kubeconfig: string, fleet: number) {
  const out = execFileSync(
    process.execPath,
    ['-r', require.resolve('@backstage/cli/config/nodeTransform.cjs'), path.join(__dirname, 'evaluateOnce.ts'), kubeconfig, String(fleet)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function main() {
  const nodes = Number(process.env.BENCH_NODES ?? 5000);
  const pods = Number(process.env.BENCH_PODS ?? 50000);
  const fleet = Number(process.env.BENCH_FLEET ?? 200);
  const scenario = process.env.BENCH_SCENARIO ?? 'conformant-nvidia';
  const cluster = await startOrReuseCluster({ scenario, log: l => console.error(l) });
  try {
    const many = measure(cluster.kubeconfig, fleet);
    console.log(`fleet of ${many.clusters} evaluations of ${scenario}: ${many.apiRequests} API requests (${many.apiRequests / many.clusters} each), ${(many.wallMs / 1000).toFixed(2)} s, peak RSS ${many.peakRssMiB} MiB`);
    if (!process.env.BENCH_SKIP_SCALE) {
      const scale = await runScale(cluster.client('admin'), { nodes, pods, waitScheduled: true, log: l => console.error(l) });
      console.log(`scale: ${scale.nodes} nodes in ${scale.nodeSeconds.toFixed(1)} s, ${scale.pods} pods in ${scale.podSeconds.toFixed(1)} s (${scale.errors} errors)`);
    }
    const one = measure(cluster.kubeconfig, 1);
    const size = process.env.BENCH_SKIP_SCALE ? 'not scaled' : `+${nodes} nodes, +${pods} pods`;
    console.log(`one cluster (${size}): ${one.apiRequests} API requests, ${(one.wallMs / 1000).toFixed(2)} s, peak RSS ${one.peakRssMiB} MiB`);
    console.log(JSON.stringify({ fleet: many, one }));
  } finally {
    await cluster.stop();
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
