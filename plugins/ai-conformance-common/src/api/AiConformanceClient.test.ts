import { ResponseError } from '@backstage/errors';
import { AiConformanceClient } from './AiConformanceClient';
import type { FleetSummary } from '../types';

const BASE = 'http://backstage.test/api/ai-conformance';

function setup(response: () => Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
    response(),
  );
  const getBaseUrl = jest.fn(async (_pluginId: string) => BASE);
  const client = new AiConformanceClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch, getBaseUrl };
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('AiConformanceClient', () => {
  it('reads the fleet from the ai-conformance plugin base URL', async () => {
    const fleet: FleetSummary = {
      clusters: [
        { cluster: 'gpu-a', name: 'gpu-a', source: 'catalog', status: 'ok' },
      ],
      conformantByChecklist: { '1.35': 1 },
    };
    const { client, fetch, getBaseUrl } = setup(() => json(fleet));

    await expect(client.getFleet()).resolves.toEqual(fleet);
    expect(getBaseUrl).toHaveBeenCalledWith('ai-conformance');
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/fleet`);
  });

  it('encodes cluster names and requirement ids in the path', async () => {
    const { client, fetch } = setup(() => json({ runs: [] }));

    await client.getScorecard('team a/gpu#1');
    await client.getClusterHistory('prod/eu', { limit: 20 });
    await client.getRequirementAcrossFleet('gang scheduling');

    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${BASE}/clusters/team%20a%2Fgpu%231/scorecard`,
      `${BASE}/clusters/prod%2Feu/history?limit=20`,
      `${BASE}/requirements/gang%20scheduling`,
    ]);
  });

  it('looks a cluster up by the entity ref of its catalog entity', async () => {
    const summary = {
      cluster: 'resource:team-a/gpu-prod',
      name: 'gpu-prod',
      entityRef: 'resource:team-a/gpu-prod',
      source: 'catalog',
      status: 'ok',
    };
    const { client, fetch } = setup(() => json(summary));

    await expect(
      client.getClusterByEntity({
        kind: 'Resource',
        namespace: 'team-a',
        name: 'gpu prod',
      }),
    ).resolves.toEqual(summary);
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/clusters/by-entity/Resource/team-a/gpu%20prod`,
    );
  });

  it('encodes a cluster identity (entity ref) as one path segment', async () => {
    const { client, fetch } = setup(() => json({ runs: [] }));
    await client.getClusterHistory('resource:team-a/gpu-prod');
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/clusters/resource%3Ateam-a%2Fgpu-prod/history`,
    );
  });

  it("passes the caller's abort signal to fetch", async () => {
    const { client, fetch } = setup(() => json({ runs: [] }));
    const controller = new AbortController();
    await client.getClusterHistory('gpu-a', { signal: controller.signal });
    expect(fetch.mock.calls[0][1]?.signal).toBe(controller.signal);
  });

  it('omits the limit when none is given', async () => {
    const { client, fetch } = setup(() => json({ runs: [] }));
    await client.getClusterHistory('gpu-a');
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/clusters/gpu-a/history`);
  });

  it('posts "run now" with the active probe flag', async () => {
    const { client, fetch } = setup(() =>
      json({ status: 'queued', runId: 'run-1' }, 202),
    );

    await expect(
      client.runEvaluation('gpu-a', { activeProbes: true }),
    ).resolves.toEqual({ status: 'queued', runId: 'run-1' });

    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE}/clusters/gpu-a/evaluations`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ activeProbes: true });
  });

  it('returns exports as text', async () => {
    const { client, fetch } = setup(
      () => new Response('<testsuites/>', { status: 200 }),
    );

    await expect(client.exportJUnit('gpu-a')).resolves.toBe('<testsuites/>');
    await expect(client.exportCsv()).resolves.toBe('<testsuites/>');
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${BASE}/clusters/gpu-a/export/junit`,
      `${BASE}/export/csv`,
    ]);
  });

  it('sends the PRODUCT.yaml template and metadata in the body', async () => {
    const { client, fetch } = setup(
      () => new Response('metadata: {}\n', { status: 200 }),
    );

    await client.exportProductYaml('gpu-a', {
      template: 'spec: {}',
      metadata: { platformName: 'Acme GPU Cloud' },
    });

    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE}/clusters/gpu-a/export/product-yaml`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      template: 'spec: {}',
      metadata: { platformName: 'Acme GPU Cloud' },
    });
  });

  it('rejects with a ResponseError that carries the status and server message', async () => {
    const { client } = setup(() =>
      json(
        {
          error: {
            name: 'NotFoundError',
            message: 'Cluster gpu-b has not been evaluated yet',
          },
          response: { statusCode: 404 },
        },
        404,
      ),
    );

    const error = await client.getScorecard('gpu-b').catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe(
      'Cluster gpu-b has not been evaluated yet',
    );
  });

  it('rejects a conflicting run with status 409', async () => {
    const { client } = setup(() =>
      json(
        {
          error: { name: 'ConflictError', message: 'A run is in progress' },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    await expect(client.runEvaluation('gpu-a')).rejects.toMatchObject({
      statusCode: 409,
    });
  });
});

describe('AiConformanceClient fleet views', () => {
  it('asks for the matrix of a checklist version and the trends of a window', async () => {
    const { client, fetch } = setup(() => json({}));
    await client.getFleetMatrix();
    await client.getFleetMatrix({ checklistVersion: '1.35' });
    await client.getFleetTrends({
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-12-01T00:00:00.000Z',
    });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${BASE}/fleet/matrix`,
      `${BASE}/fleet/matrix?checklistVersion=1.35`,
      `${BASE}/fleet/trends?since=2026-11-01T00%3A00%3A00.000Z&until=2026-12-01T00%3A00%3A00.000Z`,
    ]);
  });
});
