import http from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError } from '../errors';
import { KubeClusterReader } from './KubeClusterReader';

/* A plain-HTTP stand-in for hostile or misbehaving API servers (huge bodies, hangs, 403s) that a
   real control plane cannot be made to produce; the happy paths run against the real one in the
   integration tests. */

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler) {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      { name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true },
    ],
    users: [{ name: 'u', token: 'secret-token-value' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return {
    kubeConfig,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('KubeClusterReader', () => {
  it('pages lists with limit/continue, asks for metadata only, sends the token and counts requests', async () => {
    const s = await serve((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const token = url.searchParams.get('continue');
      json(
        res,
        200,
        token
          ? { items: [{ metadata: { name: 'b' } }], metadata: {} }
          : {
              items: [{ metadata: { name: 'a' } }],
              metadata: { continue: 'next' },
            },
      );
    });
    const reader = new KubeClusterReader({ kubeConfig: s.kubeConfig });
    try {
      const names: string[] = [];
      for await (const page of reader.listPages('/api/v1/namespaces', {
        metadataOnly: true,
        pageSize: 1,
      })) {
        names.push(...page.map(o => o.metadata!.name!));
      }
      expect(names).toEqual(['a', 'b']);
      expect(reader.requestCount).toBe(2);
      expect(s.requests[0].url).toBe('/api/v1/namespaces?limit=1');
      expect(s.requests[1].url).toBe(
        '/api/v1/namespaces?limit=1&continue=next',
      );
      expect(s.requests[0].headers.accept).toContain(
        'as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
      );
      expect(s.requests[0].headers.authorization).toBe(
        'Bearer secret-token-value',
      );
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('asks for compressed answers except from a loopback API server', async () => {
    const s = await serve((_req, res) =>
      json(res, 200, { major: '1', minor: '37' }),
    );
    try {
      const loopback = new KubeClusterReader({ kubeConfig: s.kubeConfig });
      await loopback.get('/version');
      await loopback.close();
      const compressing = new KubeClusterReader({
        kubeConfig: s.kubeConfig,
        compressResponses: true,
      });
      await compressing.get('/version');
      await compressing.close();
      expect(s.requests[0].headers['accept-encoding']).toBe('identity');
      expect(s.requests[1].headers['accept-encoding']).toContain('gzip');
    } finally {
      await s.close();
    }
  });

  it('requests the next page as soon as the continue token arrived, before the current page is complete', async () => {
    const pending: http.ServerResponse[] = [];
    const s = await serve((req, res) => {
      const token = new URL(req.url!, 'http://x').searchParams.get('continue');
      res.writeHead(200, { 'content-type': 'application/json' });
      if (token === 'p2') {
        res.end(
          '{"kind":"PodList","metadata":{},"items":[{"metadata":{"name":"c"}}]}',
        );
        // Only now finish the first page: the reader must not have waited for it.
        for (const r of pending.splice(0)) r.end('{"metadata":{"name":"b"}}]}');
        return;
      }
      res.write(
        '{"kind":"PodList","apiVersion":"v1","metadata":{"continue":"p2"},"items":[{"metadata":{"name":"a"}},',
      );
      pending.push(res);
    });
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      requestTimeoutMs: 5000,
    });
    try {
      const pages: string[][] = [];
      for await (const page of reader.listPages('/api/v1/pods', {
        pageSize: 2,
      })) {
        pages.push(page.map(o => o.metadata!.name!));
      }
      expect(pages).toEqual([['a', 'b'], ['c']]);
      expect(s.requests.map(r => r.url)).toEqual([
        '/api/v1/pods?limit=2',
        '/api/v1/pods?limit=2&continue=p2',
      ]);
      expect(reader.requestCount).toBe(2);
      expect(reader.continuationRequests).toBe(1);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('fails the list with the error of a page and drops the page fetched ahead', async () => {
    const s = await serve((req, res) => {
      const token = new URL(req.url!, 'http://x').searchParams.get('continue');
      if (token) {
        json(res, 410, {
          kind: 'Status',
          code: 410,
          reason: 'Expired',
          message: 'The provided continue parameter is too old',
        });
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        '{"kind":"PodList","metadata":{"continue":"old"},"items":[{"metadata":{"name":"a"}}]}',
      );
    });
    const reader = new KubeClusterReader({ kubeConfig: s.kubeConfig });
    try {
      const seen: string[] = [];
      const error = await (async () => {
        for await (const page of reader.listPages('/api/v1/pods'))
          seen.push(...page.map(o => o.metadata!.name!));
      })().catch(e => e);
      expect(seen).toEqual(['a']);
      expect(error).toBeInstanceOf(KubeApiError);
      expect(error.status).toBe(410);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('asks again for a page when the API server cache is behind its snapshot (504 Too large resource version)', async () => {
    let behind = 1;
    const s = await serve((req, res) => {
      const token = new URL(req.url!, 'http://x').searchParams.get('continue');
      if (!token) {
        json(res, 200, {
          kind: 'PodList',
          metadata: { continue: 'p2' },
          items: [{ metadata: { name: 'a' } }],
        });
      } else if (behind-- > 0) {
        json(res, 504, {
          kind: 'Status',
          code: 504,
          reason: 'Timeout',
          message: 'Timeout: Too large resource version: 53678, current: 53629',
        });
      } else {
        json(res, 200, {
          kind: 'PodList',
          metadata: {},
          items: [{ metadata: { name: 'b' } }],
        });
      }
    });
    const reader = new KubeClusterReader({ kubeConfig: s.kubeConfig });
    try {
      const names: string[] = [];
      for await (const page of reader.listPages('/api/v1/pods'))
        names.push(...page.map(o => o.metadata!.name!));
      expect(names).toEqual(['a', 'b']);
      expect(s.requests.map(r => r.url)).toEqual([
        '/api/v1/pods?limit=500',
        '/api/v1/pods?limit=500&continue=p2',
        '/api/v1/pods?limit=500&continue=p2',
      ]);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('aborts a response above the size cap instead of buffering it', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let written = 0;
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        // Streams up to 512 MiB unless the client goes away.
        while (written < 512 * 1024 * 1024 && res.write(chunk))
          written += chunk.length;
        if (written < 512 * 1024 * 1024) res.once('drain', pump);
        else res.end();
      };
      res.on('close', () => {
        written = Infinity;
      });
      pump();
    });
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      maxResponseBytes: 4 * 1024 * 1024,
    });
    try {
      const error = await reader.get('/api/v1/pods').catch(e => e);
      expect(error).toBeInstanceOf(KubeApiError);
      expect(error.kind).toBe('tooLarge');
      expect(error.message).toContain('response size limit (4 MiB');
      expect(error.message).not.toContain('secret-token-value');
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('rejects an oversized Content-Length before reading the body', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(900 * 1024 * 1024),
      });
      res.write('{');
    });
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      maxResponseBytes: 1024,
    });
    try {
      await expect(reader.get('/api/v1/pods')).rejects.toMatchObject({
        kind: 'tooLarge',
      });
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('times out a request that gets no answer', async () => {
    const s = await serve(() => undefined);
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      requestTimeoutMs: 200,
    });
    try {
      const error = await reader.getVersion().catch(e => e);
      expect(error.kind).toBe('timeout');
      expect(error.message).toContain('within 200 ms');
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('maps 403 and 401 to messages that say what to fix, and 404 to undefined', async () => {
    const s = await serve((req, res) => {
      if (req.url!.startsWith('/apis/apps'))
        json(res, 403, {
          kind: 'Status',
          message:
            'deployments.apps is forbidden: User "reader" cannot list resource',
        });
      else if (req.url === '/version')
        json(res, 401, { kind: 'Status', message: 'Unauthorized' });
      else json(res, 404, { kind: 'Status' });
    });
    const reader = new KubeClusterReader({ kubeConfig: s.kubeConfig });
    try {
      const forbidden = await reader
        .get('/apis/apps/v1/deployments')
        .catch(e => e);
      expect(forbidden.kind).toBe('forbidden');
      expect(forbidden.message).toBe(
        'Forbidden (403): the identity may not list deployments.apps. Grant this permission to the identity (the RBAC section of the ai-conformance-node README lists what the checker reads).',
      );
      const unauthorized = await reader.getVersion().catch(e => e);
      expect(unauthorized.kind).toBe('unauthorized');
      expect(unauthorized.message).toContain('expired');
      await expect(
        reader.get('/api/v1/namespaces/x/configmaps/y'),
      ).resolves.toBeUndefined();
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('still sends cleanup deletes after the evaluation was cancelled, but nothing else', async () => {
    const s = await serve((_req, res) => json(res, 200, { kind: 'Status' }));
    const cancelled = new AbortController();
    cancelled.abort();
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      signal: cancelled.signal,
    });
    try {
      await expect(reader.get('/api/v1/namespaces')).rejects.toMatchObject({
        kind: 'aborted',
      });
      await reader.delete('/api/v1/namespaces/ai-conformance-probe-1', {
        cleanup: true,
      });
      expect(s.requests.map(r => `${r.method} ${r.url}`)).toEqual([
        'DELETE /api/v1/namespaces/ai-conformance-probe-1',
      ]);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('reports a non-Kubernetes server (HTML) as a bad response', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    const reader = new KubeClusterReader({ kubeConfig: s.kubeConfig });
    try {
      const error = await reader.getVersion().catch(e => e);
      expect(error.kind).toBe('badResponse');
      expect(error.message).toContain('not a proxy or web page');
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('falls back to legacy discovery when aggregated discovery is not offered', async () => {
    const s = await serve((req, res) => {
      const routes: Record<string, unknown> = {
        '/api': { kind: 'APIVersions', versions: ['v1'] },
        '/apis': {
          kind: 'APIGroupList',
          groups: [
            {
              name: 'resource.k8s.io',
              versions: [{ version: 'v1' }, { version: 'v1beta2' }],
              preferredVersion: { version: 'v1' },
            },
          ],
        },
        '/api/v1': {
          kind: 'APIResourceList',
          resources: [
            { name: 'nodes', kind: 'Node', namespaced: false, verbs: ['list'] },
            { name: 'pods/log', kind: 'Pod', namespaced: true, verbs: ['get'] },
          ],
        },
        '/apis/resource.k8s.io/v1': {
          kind: 'APIResourceList',
          resources: [
            {
              name: 'resourceslices',
              kind: 'ResourceSlice',
              namespaced: false,
              verbs: ['list'],
            },
          ],
        },
        '/apis/resource.k8s.io/v1beta2': {
          kind: 'APIResourceList',
          resources: [],
        },
      };
      const body = routes[req.url!];
      if (body) json(res, 200, body);
      else json(res, 404, {});
    });
    const reader = new KubeClusterReader({ kubeConfig: s.kubeConfig });
    try {
      const discovery = await reader.getDiscovery();
      expect(discovery.source).toBe('legacy');
      expect(
        discovery.groups
          .find(g => g.name === '')!
          .versions[0].resources.map(r => r.resource),
      ).toEqual(['nodes']);
      expect(
        discovery.groups
          .find(g => g.name === 'resource.k8s.io')!
          .versions.map(v => v.version),
      ).toEqual(['v1', 'v1beta2']);
      expect(s.requests[0].headers.accept).toContain(
        'as=APIGroupDiscoveryList',
      );
      await reader.getDiscovery();
      expect(reader.requestCount).toBe(5);
    } finally {
      await reader.close();
      await s.close();
    }
  });
});
