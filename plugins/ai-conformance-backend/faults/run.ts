/* `yarn test:faults`: the fault-injection suite (issue 9). Starts one real control plane
   (packages/local-cluster, scenario conformant-nvidia) and a PostgreSQL server of its own, puts
   hostile HTTP(S) servers on 127.0.0.1 in front of it, and proves that the backend and the engine
   survive: probe chaos, memory soak, canary secrets and database faults, on SQLite and
   PostgreSQL. Prints its figures; the last line is `N passed, N failed`; exit code 1 on a
   failure. Loopback only; every loop is bounded. */
/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import {
  localClusterUnavailable,
  startOrReuseCluster,
} from '@internal/local-cluster/testing';
import { FaultReport } from './lib/FaultReport';
import { HeapSampler } from './lib/HeapSampler';
import { installJestShim } from './lib/jestShim';
import { PostgresServer } from './lib/PostgresServer';
import { DatabaseKind, SuiteContext } from './lib/SuiteContext';
import { canarySecrets } from './scenarios/canarySecrets';
import { databaseFaults } from './scenarios/databaseFaults';
import { memorySoak } from './scenarios/memorySoak';
import { probeChaos } from './scenarios/probeChaos';

async function main(): Promise<number> {
  const started = Date.now();
  installJestShim();
  const report = new FaultReport();
  const only = process.env.FAULTS_ONLY?.split(',');
  const want = (name: string) => !only || only.includes(name);
  const why = localClusterUnavailable();
  if (why) {
    console.log(
      `The fault-injection suite needs the local control plane: ${why}.`,
    );
    report.failed++;
    report.print(Date.now() - started);
    return 1;
  }
  const tmpDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'ai-conformance-faults-'),
  );
  const knexes: Knex[] = [];
  let databases = 0;
  console.log('Starting the control plane (conformant-nvidia) and PostgreSQL…');
  const [cluster, postgres] = await Promise.all([
    startOrReuseCluster({
      scenario: 'conformant-nvidia',
      log: l => console.log(`  [cluster] ${l}`),
    }),
    PostgresServer.unavailable()
      ? Promise.resolve(undefined)
      : PostgresServer.create().catch(error => {
          console.log(`  PostgreSQL could not start: ${error.message}`);
          return undefined;
        }),
  ]);
  if (!postgres) {
    // The suite proves its faults on both databases: without PostgreSQL it fails, saying why.
    await report.check(
      'postgres: the suite started its own PostgreSQL server',
      () => {
        throw new Error(
          `${
            PostgresServer.unavailable() ?? 'it did not start (see above)'
          }; install Debian's postgresql package (scripts/test.sh does) and run again`,
        );
      },
    );
  }
  const admin = postgres
    ? knexFactory({
        client: 'pg',
        connection: postgres.connection,
        pool: { min: 0, max: 2 },
      })
    : undefined;
  const templates = path.resolve(
    __dirname,
    '../../../../shared/cncf/checklists',
  );
  const ctx: SuiteContext = {
    report,
    heap: new HeapSampler(),
    cluster,
    postgres,
    tmpDir,
    templatesDir: fs.existsSync(templates) ? templates : undefined,
    async database(kind: DatabaseKind) {
      const name = `faults_${++databases}`;
      let knex: Knex;
      if (kind === 'sqlite') {
        knex = knexFactory({
          client: 'better-sqlite3',
          connection: { filename: path.join(tmpDir, `${name}.sqlite`) },
          useNullAsDefault: true,
        });
      } else {
        if (!admin || !postgres) throw new Error('PostgreSQL is not available');
        await admin.raw(`CREATE DATABASE ${name}`);
        knex = knexFactory({
          client: 'pg',
          connection: { ...postgres.connection, database: name },
          pool: { min: 0, max: 10 },
        });
      }
      knexes.push(knex);
      return knex;
    },
    async reopen(knex: Knex) {
      const again = knexFactory({
        ...knex.client.config,
        pool: knex.client.config.pool,
      });
      knexes.push(again);
      return again;
    },
  };
  if (!ctx.templatesDir)
    console.log(
      '  ../shared/cncf/checklists is absent: PRODUCT.yaml exports answer 400 and are still searched for canaries',
    );
  const kinds: DatabaseKind[] = postgres ? ['sqlite', 'postgres'] : ['sqlite'];
  try {
    // [filter name, label, run]; FAULTS_ONLY=canary,soak,… picks scenarios by filter name.
    type Scenario = [string, string, () => Promise<void>];
    const onEach = (
      name: string,
      run: (kind: DatabaseKind) => Promise<void>,
    ): Scenario[] => kinds.map(k => [name, `${name} (${k})`, () => run(k)]);
    const scenarios: Scenario[] = [
      ['probe-chaos', 'probe-chaos (sqlite)', () => probeChaos(ctx)],
      ...onEach('canary', k => canarySecrets(ctx, k)),
      ...onEach('soak', k => memorySoak(ctx, k)),
      ...onEach('database', k => databaseFaults(ctx, k)),
    ];
    for (const [name, label, run] of scenarios) {
      if (!want(name)) continue;
      console.log(`\n${label}`);
      const t = Date.now();
      await report.check(`${label} ran to the end`, run);
      console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await Promise.all(knexes.map(k => k.destroy().catch(() => undefined)));
    await admin?.destroy();
    postgres?.destroy();
    await cluster.stop();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  report.print(Date.now() - started);
  return report.failed > 0 ? 1 : 0;
}

main().then(
  code => process.exit(code),
  error => {
    console.log(`The suite itself failed: ${error?.stack ?? error}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
