/* Seeds the AI conformance database with a synthetic fleet through the backend's real store and
   migrations: N clusters × the 16 requirements of checklist 1.35, each with a few runs over the
   past days (so trends have history). Used by `yarn bench:ui`. */
import {
  CLUSTER_PROVIDERS,
  getChecklist,
  getRequirement,
  RequirementResult,
  Scorecard,
  Verdict,
} from '@internal/plugin-ai-conformance-common';
import { summarize } from '@internal/plugin-ai-conformance-node';
import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { DatabaseAiConformanceStore } from '../src/database/DatabaseAiConformanceStore';

const DAY = 86_400_000;

/** A deterministic pseudo-random sequence, so every bench run sees the same fleet. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function verdictFor(next: () => number): Verdict {
  const r = next();
  if (r < 0.7) return 'pass';
  if (r < 0.8) return 'fail';
  if (r < 0.88) return 'not-applicable';
  if (r < 0.95) return 'unknown';
  return 'error';
}

export function syntheticScorecard(
  cluster: string,
  next: () => number,
  evaluatedAt: Date,
): Scorecard {
  const checklist = getChecklist('1.35')!;
  const requirements: RequirementResult[] = checklist.requirements.map(r => {
    const verdict = verdictFor(next);
    return {
      id: r.id,
      category: getRequirement(r.id)?.category ?? 'operator',
      level: r.level,
      conditional: r.conditional,
      verdict,
      reason: `Synthetic ${verdict} for ${r.id} on ${cluster}`,
      evidence: [{ message: `seeded evidence for ${r.id}` }],
    };
  });
  const provider =
    CLUSTER_PROVIDERS[Math.floor(next() * CLUSTER_PROVIDERS.length)];
  return {
    cluster,
    kubernetesVersion: 'v1.35.2',
    checklistVersion: '1.35',
    evaluatedAt: evaluatedAt.toISOString(),
    durationMs: 1000,
    apiRequests: 25,
    requirements,
    summary: summarize(requirements),
    provider: {
      provider,
      source: 'detected',
      reason: 'seeded by the benchmark',
    },
  };
}

/**
 * Writes `clusters` clusters with `runsPerCluster` runs each into the SQLite file and returns
 * their names. They are config clusters (`config:<name>`): the backend's periodic sync with its
 * registry keeps them only if the bench's app-config lists them (see `benchClusterConfig`).
 */
export async function seedFleet(options: {
  sqliteFile: string;
  clusters: number;
  runsPerCluster: number;
}): Promise<string[]> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: options.sqliteFile },
    useNullAsDefault: true,
  });
  try {
    const store = await DatabaseAiConformanceStore.create({
      database: mockServices.database({ knex }),
    });
    const names = Array.from(
      { length: options.clusters },
      (_, i) => `bench-${String(i).padStart(4, '0')}`,
    );
    await store.syncClusters(
      names.map(name => ({
        cluster: `config:${name}`,
        name,
        source: 'config',
      })),
    );
    const next = random(42);
    const now = Date.now();
    let run = 0;
    for (const name of names) {
      const cluster = `config:${name}`;
      for (let r = options.runsPerCluster - 1; r >= 0; r--) {
        const evaluatedAt = new Date(now - r * DAY - next() * 3_600_000);
        await store.recordRun({
          id: `00000000-0000-4000-8000-${String(run++).padStart(12, '0')}`,
          cluster,
          status: 'ok',
          trigger: 'schedule',
          evaluatedAt,
          durationMs: 1000,
          scorecard: syntheticScorecard(cluster, next, evaluatedAt),
        });
      }
    }
    return names;
  } finally {
    await knex.destroy();
  }
}

/**
 * The `kubernetes.clusterLocatorMethods` entry that lists the seeded clusters, so that the
 * backend's registry knows them. Their API servers are never contacted during the bench (the
 * bench config delays every evaluation); the address is a closed local port all the same.
 */
export function benchClusterConfig(names: string[]): string {
  return [
    'kubernetes:',
    '  clusterLocatorMethods:',
    '    - type: config',
    '      clusters:',
    ...names.map(
      name =>
        `        - { name: ${name}, url: 'https://127.0.0.1:9', authProvider: serviceAccount, serviceAccountToken: bench }`,
    ),
  ].join('\n');
}
