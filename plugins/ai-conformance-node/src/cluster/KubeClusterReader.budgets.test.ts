import http from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClusterReader } from './KubeClusterReader';

/* Hostile servers on loopback (huge error bodies, endless continue tokens, redirects) that a real
   control plane cannot be made to produce: the per-evaluation budgets of the reader. */

const TOKEN = 'canary-token-6f1c2b9a';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler, server = 'http://127.0.0.1') {
  const urls: string[] = [];
  const http1 = http.createServer((req, res) => {
    urls.push(req.url!);
    handler(req, res);
  });
  await new Promise<void>(resolve => http1.listen(0, '127.0.0.1', resolve));
  const { port } = http1.address() as AddressInfo;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'c', server: `${server}:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: TOKEN }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return {
    port,
    kubeConfig,
    urls,
    close: () =>
      new Promise<void>(resolve => {
        http1.closeAllConnections();
        http1.close(() => resolve());
      }),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function drain(
  reader: KubeClusterReader,
  path: string,
  pageSize?: number,
) {
  const names: string[] = [];
  for await (const page of reader.listPages(path, { pageSize }))
    names.push(...page.map(o => o.metadata!.name!));
  return names;
}

describe('KubeClusterReader budgets', () => {
  it('reads 64 KiB of a 60 MiB error body and quotes a capped message without the echoed token', async () => {
    let sent = 0;
    const s = await serve((req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.write(
        `{"kind":"Status","message":"echo ${req.headers.authorization} `,
      );
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      const pump = () => {
        while (sent < 60 * 1024 * 1024 && res.write(chunk))
          sent += chunk.length;
        if (sent < 60 * 1024 * 1024) res.once('drain', pump);
        else res.end('"}');
      };
      res.on('close', () => {
        sent = Infinity;
      });
      pump();
    });
    const reader = new KubeClusterReader({ kubeConfig: s.kubeConfig });
    try {
      const error = await reader.get('/api/v1/pods').catch(e => e);
      expect(error.message).toContain(
        'The API server answered 500 to list pods',
      );
      expect(error.message.length).toBeLessThan(800);
      expect(error.message).not.toContain(TOKEN);
      expect(reader.bytesRead).toBeLessThan(2 * 1024 * 1024);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('stops a list whose continue token repeats', async () => {
    const s = await serve((_req, res) =>
      json(res, 200, {
        metadata: { continue: 'same' },
        items: [{ metadata: { name: 'a' } }],
      }),
    );
    const reader = new KubeClusterReader({ kubeConfig: s.kubeConfig });
    try {
      const error = await drain(reader, '/api/v1/pods').catch(e => e);
      expect(error).toMatchObject({ kind: 'badResponse' });
      expect(error.message).toContain('same continue token twice');
      expect(s.urls.length).toBeLessThanOrEqual(3);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('stops endless distinct continue tokens at the page budget', async () => {
    let n = 0;
    const s = await serve((_req, res) =>
      json(res, 200, { metadata: { continue: `t${n++}` }, items: [] }),
    );
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      maxPages: 20,
    });
    try {
      const error = await drain(reader, '/api/v1/pods').catch(e => e);
      expect(error).toMatchObject({ kind: 'budget' });
      expect(error.message).toContain('20 list pages');
      expect(s.urls.length).toBeLessThanOrEqual(21);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('stops at the byte budget of the evaluation', async () => {
    const filler = 'x'.repeat(512 * 1024);
    let n = 0;
    const s = await serve((_req, res) =>
      json(res, 200, {
        metadata: { continue: `t${n++}` },
        items: [{ metadata: { name: filler } }],
      }),
    );
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      maxEvaluationBytes: 4 * 1024 * 1024,
    });
    try {
      const error = await drain(reader, '/api/v1/pods').catch(e => e);
      expect(error).toMatchObject({ kind: 'budget' });
      expect(error.message).toContain('4 MiB of responses');
      await expect(reader.get('/version')).rejects.toMatchObject({
        kind: 'budget',
      });
      expect(s.urls.length).toBeLessThanOrEqual(10);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('asks again with a tenth of the limit when one page is over the size cap', async () => {
    const s = await serve((req, res) => {
      const limit = Number(
        new URL(req.url!, 'http://x').searchParams.get('limit'),
      );
      const items = Array.from({ length: Math.min(limit, 60) }, (_, i) => ({
        metadata: { name: `p${i}`, padding: 'y'.repeat(1024) },
      }));
      json(res, 200, { metadata: {}, items });
    });
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      maxResponseBytes: 32 * 1024,
    });
    try {
      const names = await drain(reader, '/api/v1/pods');
      expect(names).toHaveLength(5);
      expect(s.urls).toEqual([
        '/api/v1/pods?limit=500',
        '/api/v1/pods?limit=50',
        '/api/v1/pods?limit=5',
      ]);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('never follows a redirect, to another host or to plain http', async () => {
    const elsewhere = await serve((_req, res) =>
      json(res, 200, { gitVersion: 'v1.35.0' }),
    );
    const s = await serve((_req, res) => {
      res.writeHead(302, {
        location: `http://127.0.0.1:${elsewhere.port}/version`,
      });
      res.end();
    });
    const reader = new KubeClusterReader({ kubeConfig: s.kubeConfig });
    try {
      const error = await reader.getVersion().catch(e => e);
      expect(error).toMatchObject({ kind: 'badResponse' });
      expect(error.message).toContain('never follow redirects');
      expect(elsewhere.urls).toEqual([]);
    } finally {
      await reader.close();
      await s.close();
      await elsewhere.close();
    }
  });

  it('refuses an API server URL with a password in it, without quoting the password', () => {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        { name: 'c', server: `https://admin:${TOKEN}@127.0.0.1:6443` },
      ],
      users: [{ name: 'u' }],
      contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
      currentContext: 'ctx',
    });
    let message = '';
    try {
      // eslint-disable-next-line no-new
      new KubeClusterReader({ kubeConfig });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('carries a user name or password');
    expect(message).not.toContain(TOKEN);
  });
});
