import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import protobuf from 'protobufjs';
import { isKubeApiError } from '../errors';
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

/** A protobuf PodList of pods named `names` (each padded with a label of `padding` bytes). */
function protobufPodList(names: string[], padding = 0, token = ''): Buffer {
  const list = protobuf.Writer.create();
  list.uint32((1 << 3) | 2).fork();
  if (token) list.uint32((3 << 3) | 2).string(token);
  list.ldelim();
  for (const name of names) {
    list.uint32((2 << 3) | 2).fork(); // item
    list.uint32((1 << 3) | 2).fork(); // metadata
    list.uint32((1 << 3) | 2).string(name);
    if (padding) {
      list.uint32((11 << 3) | 2).fork();
      list.uint32((1 << 3) | 2).string('padding');
      list.uint32((2 << 3) | 2).string('p'.repeat(padding));
      list.ldelim();
    }
    list.ldelim();
    list.ldelim();
  }
  const envelope = protobuf.Writer.create();
  envelope.uint32((2 << 3) | 2).bytes(list.finish());
  return Buffer.concat([Buffer.from('k8s\0', 'binary'), envelope.finish()]);
}

const sendProtobuf = (res: http.ServerResponse, body: Buffer) => {
  res.writeHead(200, { 'content-type': 'application/vnd.kubernetes.protobuf' });
  res.end(body);
};

async function drainProtobuf(reader: KubeClusterReader, path: string) {
  const names: string[] = [];
  for await (const page of reader.listPages(path, { protobuf: 'Pod' }))
    names.push(...page.map(o => o.metadata!.name!));
  return names;
}

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

  it('streams a protobuf list of any size, but rejects one object over the size cap', async () => {
    const many = Array.from({ length: 400 }, (_, i) => `p${i}`);
    const s = await serve((req, res) =>
      sendProtobuf(
        res,
        req.url!.includes('huge')
          ? protobufPodList(['small', 'huge-0'], 64 * 1024)
          : protobufPodList(many, 1024),
      ),
    );
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      maxResponseBytes: 32 * 1024,
    });
    try {
      // 400 KiB in one answer: streamed object by object, so the 32 KiB cap is per object.
      await expect(drainProtobuf(reader, '/api/v1/pods')).resolves.toEqual(
        many,
      );
      const error = await drainProtobuf(reader, '/api/v1/huge').catch(e => e);
      expect(error).toMatchObject({ kind: 'tooLarge' });
      expect(error.message).toMatch(
        /^An object in the answer to list huge exceeded the response size limit \(32 KiB, got at least 64 KiB\); no Kubernetes object is that large/,
      );
      // Never asked again with a smaller limit: the object would not get smaller.
      expect(s.urls.filter(u => u.startsWith('/api/v1/huge'))).toHaveLength(1);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('streams a gzip-compressed protobuf list and asks for the next page once its head arrived', async () => {
    const held: Array<{ res: http.ServerResponse; rest: Buffer }> = [];
    const s = await serve((req, res) => {
      const token = new URL(req.url!, 'http://x').searchParams.get('continue');
      if (token === 'page-2') {
        res.writeHead(200, {
          'content-type': 'application/vnd.kubernetes.protobuf',
          'content-encoding': 'gzip',
        });
        res.end(gzipSync(protobufPodList(['c'])));
        // Only now finish the first page: the reader must not have waited for it.
        for (const first of held.splice(0)) first.res.end(first.rest);
        return;
      }
      const body = protobufPodList(['a', 'b'], 0, 'page-2');
      const cut = body.indexOf(Buffer.from('b')) - 2;
      res.writeHead(200, {
        'content-type': 'application/vnd.kubernetes.protobuf',
      });
      res.write(body.subarray(0, cut));
      held.push({ res, rest: body.subarray(cut) });
    });
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      compressResponses: true,
      requestTimeoutMs: 5000,
    });
    try {
      await expect(drainProtobuf(reader, '/api/v1/pods')).resolves.toEqual([
        'a',
        'b',
        'c',
      ]);
      expect(s.urls).toHaveLength(2);
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('refuses an answer compressed in a way it cannot undo, and a corrupt gzip body', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': req.url!.startsWith('/api/v1/pods')
          ? 'compress'
          : 'gzip',
      });
      res.end(
        req.url!.startsWith('/api/v1/pods')
          ? '{"items":[]}'
          : gzipSync('{"items":[]}').subarray(0, 12),
      );
    });
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      compressResponses: true,
      requestTimeoutMs: 5000,
    });
    try {
      const compress = await drainProtobuf(reader, '/api/v1/pods').catch(
        e => e,
      );
      expect(isKubeApiError(compress, 'badResponse')).toBe(true);
      expect(compress.message).toContain('is compressed as "compress"');
      expect(compress.message).toContain('proxy that alters responses');
      const corrupt = await reader.get('/api/v1/nodes').catch(e => e);
      expect(isKubeApiError(corrupt, 'badResponse')).toBe(true);
      expect(corrupt.message).toContain(
        'The compressed answer to list nodes could not be decompressed (Z_BUF_ERROR)',
      );
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('leaves no stream error behind when it drops a body unread (a crash of the whole backend)', async () => {
    // undici's body emits 'error' when destroyed before its end: without a listener that is an
    // uncaught exception. An answer over the declared size and one in an unknown encoding are
    // both dropped unread.
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    const s = await serve((req, res) => {
      const big = req.url!.startsWith('/api/v1/nodes');
      res.writeHead(200, {
        'content-type': 'application/json',
        ...(big
          ? { 'content-length': String(64 * 1024) }
          : { 'content-encoding': 'compress' }),
      });
      res.write('{"items":[');
      if (!big) res.end(']}');
    });
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      compressResponses: true,
      maxResponseBytes: 1024,
      requestTimeoutMs: 5000,
    });
    try {
      const tooLarge = await reader.get('/api/v1/nodes').catch(e => e);
      expect(isKubeApiError(tooLarge, 'tooLarge')).toBe(true);
      const encoding = await reader.get('/api/v1/pods').catch(e => e);
      expect(isKubeApiError(encoding, 'badResponse')).toBe(true);
      await new Promise(resolve => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await reader.close();
      await s.close();
    }
  });

  it('stops a streamed protobuf list at the byte budget of the evaluation', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `p${i}`);
    const s = await serve((_req, res) =>
      sendProtobuf(res, protobufPodList(names, 1024)),
    );
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      maxEvaluationBytes: 1024 * 1024,
    });
    try {
      const error = await drainProtobuf(reader, '/api/v1/pods').catch(e => e);
      expect(error).toMatchObject({ kind: 'budget' });
      expect(error.message).toContain('1 MiB of responses');
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('rejects a protobuf list cut off mid-object, saying what to check', async () => {
    const whole = protobufPodList(['a', 'b', 'c'], 100);
    const s = await serve((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/vnd.kubernetes.protobuf',
      });
      res.end(whole.subarray(0, whole.length - 50));
    });
    const reader = new KubeClusterReader({ kubeConfig: s.kubeConfig });
    try {
      const error = await drainProtobuf(reader, '/api/v1/pods').catch(e => e);
      expect(error).toMatchObject({ kind: 'badResponse' });
      expect(error.message).toMatch(
        /could not be decoded \(the body ended after \d+ bytes, inside the list\); check that .* is a Kubernetes API server/,
      );
    } finally {
      await reader.close();
      await s.close();
    }
  });

  it('times out a protobuf list that stalls, not one that keeps arriving', async () => {
    const body = protobufPodList(
      Array.from({ length: 12 }, (_, i) => `p${i}`),
      512,
    );
    const s = await serve((req, res) => {
      res.writeHead(200, {
        'content-type': 'application/vnd.kubernetes.protobuf',
      });
      if (req.url!.includes('stalled')) {
        res.write(body.subarray(0, 1000)); // and nothing more
        return;
      }
      // The whole body takes ~1.2 s, longer than the timeout, in pieces 100 ms apart.
      let at = 0;
      const next = () => {
        res.write(body.subarray(at, at + 600));
        at += 600;
        if (at < body.length) setTimeout(next, 100);
        else res.end();
      };
      next();
    });
    const reader = new KubeClusterReader({
      kubeConfig: s.kubeConfig,
      requestTimeoutMs: 500,
    });
    try {
      await expect(drainProtobuf(reader, '/api/v1/pods')).resolves.toHaveLength(
        12,
      );
      const error = await drainProtobuf(reader, '/api/v1/stalled').catch(
        e => e,
      );
      expect(error).toMatchObject({ kind: 'timeout' });
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
