import { configClusterId } from '@internal/plugin-ai-conformance-common';
import request from 'supertest';
import { expectThat } from '../lib/FaultReport';
import { startHostileServer } from '../lib/hostileServer';
import { DatabaseKind, SuiteContext, waitUntil } from '../lib/SuiteContext';
import { faultConfig, startFaultBackend } from '../lib/testBackend';

/**
 * Database faults. On PostgreSQL (the suite's own server) the server is stopped (immediate, as
 * in a crash) mid-run and mid-sync and started again a few seconds later. On both databases two
 * replicas refresh at once (on SQLite: two connections to one file) and a cluster answers an
 * overlong `gitVersion`. No run is lost, no round is skipped, no lock stays.
 */
export async function databaseFaults(ctx: SuiteContext, kind: DatabaseKind) {
  const { report, cluster } = ctx;
  const postgres = kind === 'postgres' ? ctx.postgres : undefined;
  if (kind === 'postgres' && !postgres) {
    await report.check('postgres: database faults', () => {
      throw new Error(
        'no PostgreSQL server for the suite (see the message above)',
      );
    });
    return;
  }
  const upstream = {
    server: cluster.server,
    caPem: cluster.caPem,
    token: cluster.token('reader'),
  };
  let stopDuringVersion = false;
  const restart = () => {
    if (!postgres) return;
    postgres.stop();
    setTimeout(() => postgres.start(), 3_000);
  };
  // Stops PostgreSQL when the evaluation reads /version: the run ends while the database is down.
  const slow = await startHostileServer({
    upstream,
    behaviour: (_req, _res, seen) => {
      if (seen.url === '/version' && stopDuringVersion) {
        stopDuringVersion = false;
        restart();
      }
      return false;
    },
  });
  const overlong = await startHostileServer({
    upstream,
    behaviour: (_req, res, seen) => {
      if (seen.url !== '/version') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          major: '1',
          minor: '35',
          gitVersion: `v1.35.0-${'x'.repeat(300)}\u0000`,
        }),
      );
      return true;
    },
  });
  const knex = await ctx.database(kind);
  // Each replica has its own connection pool (on SQLite, its own connection to the same file).
  const second = await ctx.reopen(knex);
  const caData = Buffer.from(cluster.caPem).toString('base64');
  const config = faultConfig(
    [
      {
        name: 'db-mid-run',
        url: slow.url,
        skipTLSVerify: true,
        serviceAccountToken: 'via-proxy',
      },
      {
        name: 'db-overlong',
        url: overlong.url,
        skipTLSVerify: true,
        serviceAccountToken: 'via-proxy',
      },
      {
        name: 'db-good',
        url: cluster.server,
        caData,
        serviceAccountToken: cluster.token('reader'),
      },
    ],
    { extra: { clusterTimeout: { seconds: 60 } } },
  );
  const replicas = [
    await startFaultBackend({ knex, config }),
    await startFaultBackend({ knex: second, config }),
  ];
  const [a, b] = replicas;
  const runs = async (name: string) =>
    (
      await request(a.server).get(
        `/api/ai-conformance/clusters/${configClusterId(name)}/history`,
      )
    ).body.runs ?? [];
  try {
    // 1. Mid-run (PostgreSQL): the server goes down while the evaluation reads the cluster.
    //    On SQLite the same round runs without an outage (it records the overlong run of step 2).
    const midRun = postgres
      ? report.fault('postgres: stopped and started mid-run')
      : undefined;
    stopDuringVersion = Boolean(postgres);
    await a.scheduler.triggerTask('evaluate-clusters');
    await waitUntil(
      async () => (await runs('db-mid-run').catch(() => [])).length > 0,
      30_000,
    );
    await report.check(
      postgres
        ? 'postgres: the run that ended while PostgreSQL was down is recorded afterwards'
        : `${kind}: a round records every run and leaves no lock`,
      async () => {
        const list = await runs('db-mid-run');
        expectThat(
          list.length === 1 && list[0].status === 'ok',
          `runs: ${JSON.stringify(list)}`,
        );
        const locks = await knex('ai_conformance_locks')
          .count({ n: '*' })
          .first();
        expectThat(Number(locks?.n) === 0, `${locks?.n} lock(s) left`);
        midRun?.survived();
      },
    );

    // 2. Overlong fields: recorded as a failed run with a message, never lost.
    const long = report.fault(
      `${kind}: overlong gitVersion with a NUL character`,
    );
    await report.check(
      `${kind}: an overlong gitVersion is a recorded error run, not a lost one`,
      async () => {
        const list = await runs('db-overlong');
        expectThat(
          list.length === 1 && list[0].status === 'error',
          `runs: ${JSON.stringify(list)}`,
        );
        expectThat(
          /gitVersion/.test(list[0].message ?? ''),
          `message: ${list[0].message}`,
        );
        long.survived();
      },
    );

    // 3. Mid-sync (PostgreSQL): the round starts while the server is down; the sync retries,
    //    the round runs. On SQLite the second replica runs the next round.
    const midSync = postgres
      ? report.fault('postgres: stopped and started mid-sync')
      : undefined;
    restart();
    await b.scheduler.triggerTask('evaluate-clusters');
    await report.check(
      postgres
        ? 'postgres: the round that started while PostgreSQL was down still evaluates every cluster'
        : `${kind}: the other replica's round evaluates every cluster`,
      async () => {
        await waitUntil(
          async () => (await runs('db-good').catch(() => [])).length >= 2,
          30_000,
        );
        expectThat(
          (await runs('db-good')).length >= 2,
          'the second round recorded no run of db-good',
        );
        expectThat(
          (await runs('db-mid-run')).length >= 2,
          'the second round recorded no run of db-mid-run',
        );
        midSync?.survived();
      },
    );

    // 4. Two replicas refresh (sync) at once, several times.
    const twice = report.fault(`${kind}: two replicas refreshing at once`);
    await report.check(
      `${kind}: two replicas refreshing at once neither fail nor duplicate clusters`,
      async () => {
        // Only what the concurrent refreshes log (earlier outages logged their own retries).
        const since = [a.logs.length, b.logs.length];
        for (let i = 0; i < 5; i++) {
          await Promise.all([
            a.scheduler.triggerTask('refresh-clusters'),
            b.scheduler.triggerTask('refresh-clusters'),
          ]);
        }
        // SQLite has one writer at a time: two connections that read before writing deadlock
        // and one gets "database is locked" at once, which the retry of the sync absorbs. A
        // final failure or a unique violation is a lost round on either database; PostgreSQL
        // (row locks, upserts) needs no retry at all.
        const failure =
          kind === 'sqlite'
            ? /Could not refresh|duplicate key|UNIQUE constraint/
            : /Could not refresh|Could not sync|duplicate key|UNIQUE constraint/;
        const failures = [
          ...a.logs.slice(since[0]),
          ...b.logs.slice(since[1]),
        ].filter(l => failure.test(l));
        expectThat(
          failures.length === 0,
          `${failures.length} failure(s): ${failures[0]}`,
        );
        const rows = await knex('ai_conformance_clusters')
          .count({ n: '*' })
          .first();
        expectThat(Number(rows?.n) === 3, `${rows?.n} cluster rows`);
        twice.survived();
      },
    );
  } finally {
    await Promise.all(replicas.map(r => r.stop()));
    await second.destroy();
    await knex.destroy();
    await slow.close();
    await overlong.close();
  }
}
