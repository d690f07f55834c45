import fs from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';
import { LocalCluster } from '@internal/local-cluster/testing';
import { FaultReport } from './FaultReport';
import { HeapSampler } from './HeapSampler';
import { PostgresServer } from './PostgresServer';

/** What every scenario gets: the report, the real control plane and the databases. */
export interface SuiteContext {
  report: FaultReport;
  heap: HeapSampler;
  cluster: LocalCluster;
  /** The suite's own PostgreSQL (stopped and started by the database scenario). */
  postgres?: PostgresServer;
  /** A fresh, empty database of the given kind. */
  database(kind: DatabaseKind): Promise<Knex>;
  /** Another client (own pool; on SQLite, own connection) to the database of `knex`. */
  reopen(knex: Knex): Promise<Knex>;
  /** Directory for the suite's temporary files (kubeconfigs, token files). */
  tmpDir: string;
  /** The official checklist templates (../shared), when present. */
  templatesDir?: string;
}

export type DatabaseKind = 'sqlite' | 'postgres';

/** The serving certificate and key of the control plane (for HTTPS hostile servers on loopback). */
export function servingCertificate(cluster: LocalCluster): {
  cert: string;
  key: string;
} {
  const pki = path.join(path.dirname(cluster.kubeconfig), 'pki');
  return {
    cert: fs.readFileSync(path.join(pki, 'apiserver.crt'), 'utf8'),
    key: fs.readFileSync(path.join(pki, 'apiserver.key'), 'utf8'),
  };
}

/** Every occurrence of any canary in the texts: `where: canary`. */
export function canaryHits(
  canaries: string[],
  texts: Array<[where: string, text: string]>,
): string[] {
  const hits: string[] = [];
  for (const [where, text] of texts) {
    for (const canary of canaries) {
      if (text.includes(canary)) hits.push(`${where}: ${canary}`);
    }
  }
  return hits;
}

/** Polls `test` every 200 ms until it is true or `timeoutMs` passed (a bounded loop). */
export async function waitUntil(
  test: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await test()) return true;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  return test();
}
