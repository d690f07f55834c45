/* Child process of `yarn bench:capacity`, so that the peak RSS it reports is ours alone. Modes:
   `capacity` (gather CAPACITY_FACTS and build the snapshot), `evaluate` (a passive evaluation)
   and `evaluate+capacity` (one evaluation whose gather also serves the snapshot). Prints one JSON
   line: wall time, API requests (per collection path), peak RSS and, for the capacity modes,
   per-node allocatable/allocated of every accelerator resource for the comparison. */
import { KubeConfig } from '@kubernetes/client-node';
import { CapacitySnapshot } from '@internal/plugin-ai-conformance-common';
import { buildCapacitySnapshot, CAPACITY_FACTS } from '../src/capacity';
import { KubeClusterReader } from '../src/cluster/KubeClusterReader';
import { evaluateCluster } from '../src/evaluate/evaluateCluster';
import { gatherFacts } from '../src/gather/gatherFacts';
import { EngineLogger } from '../src/types';

type Mode = 'capacity' | 'evaluate' | 'evaluate+capacity';

/** Counts requests per path from the reader's debug lines (`GET /api/v1/pods`). */
function countingLogger(byPath: Map<string, number>): EngineLogger {
  const noop = () => undefined;
  return {
    debug(message: string) {
      const m = /^(GET|POST|PUT|PATCH|DELETE) (\S+)$/.exec(message);
      if (m) byPath.set(m[2], (byPath.get(m[2]) ?? 0) + 1);
    },
    info: noop,
    warn: noop,
    error: noop,
  };
}

/** node → resource → [allocatable, allocated], the figures the references print. */
function perNode(snapshot: CapacitySnapshot) {
  const out: Record<string, Record<string, [number, number]>> = {};
  for (const node of snapshot.nodes) {
    for (const a of node.accelerators) {
      for (const r of a.resources) {
        (out[node.name] ??= {})[r.resource] = [r.allocatable, r.allocated];
      }
    }
  }
  return out;
}

async function main() {
  const [mode, kubeconfig] = process.argv.slice(2) as [Mode, string];
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfig);
  if (kubeConfig.getContextObject('reader'))
    kubeConfig.setCurrentContext('reader');
  const byPath = new Map<string, number>();
  const logger = countingLogger(byPath);
  const reader = new KubeClusterReader({
    kubeConfig,
    requestTimeoutMs: 120_000,
    logger,
  });
  const started = Date.now();
  let snapshot: CapacitySnapshot | undefined;
  try {
    if (mode === 'capacity') {
      snapshot = buildCapacitySnapshot(
        await gatherFacts(reader, CAPACITY_FACTS),
      );
    } else {
      await evaluateCluster({
        cluster: 'bench',
        kubeConfig,
        reader,
        timeoutMs: 600_000,
        ...(mode === 'evaluate+capacity'
          ? {
              additionalFacts: CAPACITY_FACTS,
              onFacts: facts => {
                snapshot = buildCapacitySnapshot(facts);
              },
            }
          : {}),
      });
    }
  } finally {
    await reader.close();
  }
  const wallMs = Date.now() - started;
  process.stdout.write(
    `${JSON.stringify({
      mode,
      wallMs,
      apiRequests: reader.requestCount,
      requestsByPath: Object.fromEntries(byPath),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      snapshotBytes: snapshot ? JSON.stringify(snapshot).length : 0,
      totals: snapshot?.totals,
      perNode: snapshot ? perNode(snapshot) : undefined,
    })}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
