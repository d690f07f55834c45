/* `yarn bench:evaluate`: starts a local control plane (or reuses LOCAL_CLUSTER_KUBECONFIG), fills
   it with BENCH_NODES KWOK nodes and BENCH_PODS pods (default 5000 / 50000, BENCH_SKIP_SCALE=1 to
   skip), then measures in a separate process (so that the peak RSS is the engine's alone):
   one passive evaluation, and a fleet of BENCH_FLEET (default 200) evaluations. */
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
  const cluster = await startOrReuseCluster({ log: l => console.error(l) });
  try {
    if (!process.env.BENCH_SKIP_SCALE) {
      const scale = await runScale(cluster.client('admin'), { nodes, pods, log: l => console.error(l) });
      console.log(`scale: ${scale.nodes} nodes in ${scale.nodeSeconds.toFixed(1)} s, ${scale.pods} pods in ${scale.podSeconds.toFixed(1)} s (${scale.errors} errors)`);
    }
    const one = measure(cluster.kubeconfig, 1);
    console.log(`one cluster (${nodes} nodes, ${pods} pods): ${one.apiRequests} API requests, ${(one.wallMs / 1000).toFixed(2)} s, peak RSS ${one.peakRssMiB} MiB`);
    const many = measure(cluster.kubeconfig, fleet);
    console.log(`fleet of ${many.clusters} evaluations: ${many.apiRequests} API requests, ${(many.wallMs / 1000).toFixed(2)} s, peak RSS ${many.peakRssMiB} MiB`);
    console.log(JSON.stringify({ one, fleet: many }));
  } finally {
    await cluster.stop();
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
