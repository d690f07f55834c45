/* Child process of `yarn bench:evaluate`, so that the peak RSS it reports is the engine's alone.
   Evaluates `registrations` cluster registrations spread round-robin over the given kubeconfigs
   (`concurrency` at a time, passive, as the `reader` identity when the kubeconfig has it) and
   prints one JSON line: registrations, API requests (and how many of them were further list
   pages), wall time, per-evaluation durations, peak RSS and the verdict counts. */
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClusterReader } from '../src/cluster/KubeClusterReader';
import { evaluateCluster } from '../src/evaluate/evaluateCluster';

interface Spec {
  kubeconfigs: string[];
  registrations: number;
  concurrency: number;
}

function loadKubeConfig(file: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(file);
  if (kubeConfig.getContextObject('reader'))
    kubeConfig.setCurrentContext('reader');
  return kubeConfig;
}

async function main() {
  const spec = JSON.parse(process.argv[2]) as Spec;
  const kubeConfigs = spec.kubeconfigs.map(loadKubeConfig);
  const started = Date.now();
  let next = 0;
  let requests = 0;
  let continuations = 0;
  let maxRequestsPerEvaluation = 0;
  let maxFirstRequestsPerEvaluation = 0;
  const durations: number[] = [];
  const verdicts = new Map<string, number>();
  const worker = async () => {
    for (let i = next++; i < spec.registrations; i = next++) {
      const kubeConfig = kubeConfigs[i % kubeConfigs.length];
      // Our own reader only to read its counters; evaluateCluster uses it as it would its own.
      const reader = new KubeClusterReader({
        kubeConfig,
        requestTimeoutMs: 15_000,
      });
      const t = Date.now();
      try {
        const scorecard = await evaluateCluster({
          cluster: `bench-${i}`,
          kubeConfig,
          reader,
        });
        durations.push(Date.now() - t);
        requests += reader.requestCount;
        continuations += reader.continuationRequests;
        maxRequestsPerEvaluation = Math.max(
          maxRequestsPerEvaluation,
          reader.requestCount,
        );
        maxFirstRequestsPerEvaluation = Math.max(
          maxFirstRequestsPerEvaluation,
          reader.requestCount - reader.continuationRequests,
        );
        for (const r of scorecard.requirements) {
          verdicts.set(r.verdict, (verdicts.get(r.verdict) ?? 0) + 1);
        }
      } finally {
        await reader.close();
      }
    }
  };
  await Promise.all(
    Array.from(
      { length: Math.min(spec.concurrency, spec.registrations) },
      worker,
    ),
  );
  durations.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      registrations: spec.registrations,
      controlPlanes: spec.kubeconfigs.length,
      concurrency: spec.concurrency,
      apiRequests: requests,
      continuationRequests: continuations,
      maxRequestsPerEvaluation,
      maxFirstRequestsPerEvaluation,
      wallMs: Date.now() - started,
      medianEvaluationMs: durations[Math.floor(durations.length / 2)],
      maxEvaluationMs: durations[durations.length - 1],
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      verdicts: Object.fromEntries(verdicts),
    })}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
