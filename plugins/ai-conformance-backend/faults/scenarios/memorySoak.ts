import { configClusterId } from '@internal/plugin-ai-conformance-common';
import request from 'supertest';
import { expectThat } from '../lib/FaultReport';
import { HeapSampler } from '../lib/HeapSampler';
import { hostile, startHostileServer } from '../lib/hostileServer';
import { DatabaseKind, SuiteContext, waitUntil } from '../lib/SuiteContext';
import { faultConfig, startFaultBackend } from '../lib/testBackend';

/** The stated ceiling of the backend's heap during the soak (clusters, budgets and run-now queue). */
export const PEAK_HEAP_CEILING_MIB = 512;

/**
 * Memory soak: three hostile clusters (60 MiB list pages, endless continue tokens, 60 MiB error
 * bodies; discovery is the real control plane's) and three good clusters, evaluated at full
 * concurrency while 50 "run now" requests arrive. The heap stays under the ceiling, and every
 * cluster gets a recorded run; the good ones a scorecard.
 */
export async function memorySoak(ctx: SuiteContext, kind: DatabaseKind) {
  const { report, cluster } = ctx;
  const upstream = {
    server: cluster.server,
    caPem: cluster.caPem,
    token: cluster.token('reader'),
  };
  const servers = {
    'hostile-huge-pages': await startHostileServer({
      behaviour: hostile.hugePages(),
      upstream,
    }),
    'hostile-endless-continue': await startHostileServer({
      behaviour: hostile.endlessContinue(),
      upstream,
    }),
    'hostile-huge-errors': await startHostileServer({
      behaviour: hostile.hugeErrors(),
      upstream,
    }),
  };
  const good = ['good-1', 'good-2', 'good-3'];
  const caData = Buffer.from(cluster.caPem).toString('base64');
  const faults = Object.keys(servers).map(n =>
    report.fault(`${kind}: soak ${n}`),
  );
  const runNowFault = report.fault(`${kind}: soak 50 "run now" requests`);
  const knex = await ctx.database(kind);
  const heap = new HeapSampler();
  global.gc?.();
  const baseline = process.memoryUsage().heapUsed;
  heap.start(5);
  const started = Date.now();
  const backend = await startFaultBackend({
    knex,
    config: faultConfig(
      [
        ...Object.entries(servers).map(([name, s]) => ({
          name,
          url: s.url,
          skipTLSVerify: true,
          serviceAccountToken: 'hostile',
        })),
        ...good.map(name => ({
          name,
          url: cluster.server,
          caData,
          serviceAccountToken: cluster.token('reader'),
        })),
      ],
      {
        extra: {
          clusterTimeout: { seconds: 90 },
          requestTimeout: { seconds: 10 },
        },
      },
    ),
  });
  try {
    const names = [...Object.keys(servers), ...good];
    const statuses: number[] = [];
    // The round at full concurrency, and meanwhile 50 "run now" requests (one user: the test
    // backend's), which queue under the same limit.
    const round = backend.scheduler.triggerTask('evaluate-clusters');
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const res = await request(backend.server)
          .post(
            `/api/ai-conformance/clusters/${configClusterId(
              names[i % names.length],
            )}/evaluations`,
          )
          .send({});
        statuses.push(res.status);
      }),
    );
    await round;
    const settled = await waitUntil(async () => {
      const fleet = await request(backend.server).get(
        '/api/ai-conformance/fleet',
      );
      const locked = await knex('ai_conformance_locks')
        .count({ n: '*' })
        .first();
      return (
        Number(locked?.n ?? 0) === 0 &&
        (fleet.body.clusters ?? []).every((c: any) => c.status !== 'pending')
      );
    }, 120_000);
    heap.stop();
    const peakMiB = (heap.peakHeapBytes - 0) / 1024 / 1024;
    report.peakHeapBytes = Math.max(report.peakHeapBytes, heap.peakHeapBytes);
    report.figure(
      `${kind}: soak peak heap / rss (MiB)`,
      `${peakMiB.toFixed(0)} / ${(heap.peakRssBytes / 1024 / 1024).toFixed(
        0,
      )} (baseline heap ${(baseline / 1024 / 1024).toFixed(0)})`,
    );
    report.figure(
      `${kind}: soak duration (s)`,
      ((Date.now() - started) / 1000).toFixed(1),
    );
    const counts = statuses.reduce<Record<number, number>>(
      (acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }),
      {},
    );
    report.figure(
      `${kind}: "run now" answers`,
      Object.entries(counts)
        .map(([s, n]) => `${n}×${s}`)
        .join(', '),
    );
    await report.check(
      `${kind}: soak settles (every cluster evaluated, no lock left)`,
      () => expectThat(settled, 'runs still pending or locked after 120 s'),
    );
    await report.check(
      `${kind}: peak heap ${peakMiB.toFixed(
        0,
      )} MiB stays under ${PEAK_HEAP_CEILING_MIB} MiB`,
      () =>
        expectThat(
          peakMiB < PEAK_HEAP_CEILING_MIB,
          `peak ${peakMiB.toFixed(0)} MiB`,
        ),
    );
    await report.check(
      `${kind}: 50 "run now" requests are queued (202), busy (409) or rate-limited (429), never a 5xx`,
      () =>
        expectThat(
          statuses.length === 50 &&
            statuses.every(s => [202, 409, 429].includes(s)),
          `answers ${JSON.stringify(counts)}`,
        ),
    );
    if (statuses.every(s => s < 500)) runNowFault.survived();
    await report.check(
      `${kind}: every good cluster gets its scorecard`,
      async () => {
        for (const name of good) {
          const res = await request(backend.server).get(
            `/api/ai-conformance/clusters/${configClusterId(name)}/scorecard`,
          );
          expectThat(
            res.status === 200,
            `${name}: ${res.status} ${res.text.slice(0, 200)}`,
          );
        }
      },
    );
    await report.check(
      `${kind}: every hostile cluster has a recorded run that says what went wrong, in bounded text`,
      async () => {
        for (const [i, name] of Object.keys(servers).entries()) {
          const res = await request(backend.server).get(
            `/api/ai-conformance/clusters/${configClusterId(name)}/history`,
          );
          const run = res.body.runs?.[0];
          expectThat(run, `${name} has no run`);
          const card = await request(backend.server).get(
            `/api/ai-conformance/clusters/${configClusterId(name)}/scorecard`,
          );
          expectThat(
            card.text.length < 1024 * 1024,
            `${name}'s scorecard is ${card.text.length} characters`,
          );
          faults[i].survived();
        }
      },
    );
  } finally {
    heap.stop();
    await backend.stop();
    await knex.destroy();
    await Promise.all(Object.values(servers).map(s => s.close()));
  }
}
