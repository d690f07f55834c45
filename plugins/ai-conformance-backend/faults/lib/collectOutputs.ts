import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { FaultBackend } from './testBackend';

const API = '/api/ai-conformance';

/**
 * Everything a user, an export, an MCP client, the auditor and the logs get from the backend, as
 * `[where, text]` pairs: /fleet, each cluster's scorecard, history, JUnit and PRODUCT.yaml,
 * each requirement across the fleet, the CSV, each cluster's capacity snapshot and trend, the
 * fleet capacity and a capacity search, "run now" answers, both actions' results, every audit
 * event and every log line. `clusters` are identities (`config:<name>` or entity refs).
 */
export async function collectOutputs(
  backend: FaultBackend,
  clusters: string[],
): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  const get = async (path: string) => {
    const res = await request(backend.server).get(`${API}${path}`);
    out.push([`GET ${path} (${res.status})`, res.text ?? '']);
    return res;
  };
  const fleet = await get('/fleet');
  const requirementIds = new Set<string>();
  for (const cluster of clusters) {
    const scorecard = await get(`/clusters/${cluster}/scorecard`);
    for (const r of scorecard.body?.requirements ?? [])
      requirementIds.add(r.id);
    await get(`/clusters/${cluster}/history`);
    await get(`/clusters/${cluster}/capacity`);
    await get(`/clusters/${cluster}/capacity/history`);
    await get(`/clusters/${cluster}/export/junit`);
    const yaml = await request(backend.server)
      .post(`${API}/clusters/${cluster}/export/product-yaml`)
      .send({ metadata: { platformName: cluster } });
    out.push([
      `POST product-yaml ${cluster} (${yaml.status})`,
      yaml.text ?? '',
    ]);
    const runNow = await request(backend.server)
      .post(`${API}/clusters/${cluster}/evaluations`)
      .send({ activeProbes: false });
    out.push([
      `POST evaluations ${cluster} (${runNow.status})`,
      runNow.text ?? '',
    ]);
    for (const id of [
      'get-conforming-clusters',
      'explain-ai-conformance-verdict',
    ]) {
      const input =
        id === 'get-conforming-clusters'
          ? {}
          : {
              cluster,
              requirementId: [...requirementIds][0] ?? 'gang_scheduling',
            };
      const result = await backend.actionsRegistry
        .invoke({
          id: `test:${id}`,
          input,
          credentials: mockCredentials.user(),
        })
        .then(
          r => JSON.stringify(r),
          e => String(e?.message ?? e),
        );
      out.push([`MCP ${id} ${cluster}`, result]);
    }
  }
  for (const id of requirementIds) await get(`/requirements/${id}`);
  await get('/export/csv');
  await get('/capacity');
  await get('/capacity/search?model=nvidia&count=1');
  out.push(['fleet summary', JSON.stringify(fleet.body ?? {})]);
  out.push(
    ...backend.audits.map((a, i): [string, string] => [`audit event ${i}`, a]),
  );
  out.push(
    ...backend.logs.map((l, i): [string, string] => [`log line ${i}`, l]),
  );
  return out;
}
