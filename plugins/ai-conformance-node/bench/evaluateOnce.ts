/* Child process of the benchmark: evaluates one cluster, or a fleet of `--fleet N` copies of
   it, and prints one JSON line with requests, wall time and this process's peak RSS. */
import { KubeConfig } from '@kubernetes/client-node';
import { evaluateCluster } from '../src/evaluate/evaluateCluster';

async function main() {
  const [kubeconfig, fleetArg] = process.argv.slice(2);
  const fleet = Number(fleetArg ?? '1');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfig);
  const started = Date.now();
  const concurrency = Math.min(fleet, 25);
  let next = 0;
  let requests = 0;
  const verdicts = new Map<string, number>();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < fleet; i = next++) {
        const scorecard = await evaluateCluster({ cluster: `bench-${i}`, kubeConfig, timeoutMs: 120_000, requestTimeoutMs: 60_000, maxResponseBytes: 256 * 1024 * 1024 });
        requests += scorecard.apiRequests;
        for (const r of scorecard.requirements) verdicts.set(r.verdict, (verdicts.get(r.verdict) ?? 0) + 1);
      }
    }),
  );
  process.stdout.write(`${JSON.stringify({
    clusters: fleet,
    apiRequests: requests,
    wallMs: Date.now() - started,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    verdicts: Object.fromEntries(verdicts),
  })}\n`);
}

main().catch(error => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
