import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';

/** A request as a hostile server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The body of a POST (up to 1 MiB). */
  body?: string;
}

/**
 * Decides what the server does with one request: handle it (return true) or let it through to
 * the upstream API server.
 */
export type Behaviour = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  seen: SeenRequest,
) => boolean | Promise<boolean>;

export interface HostileServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 only. Each request goes to `behaviour` first; what it leaves
 * alone is forwarded to the real API server `upstream` (HTTPS with its CA), so discovery and
 * every ordinary read are the control plane's own answers.
 */
export async function startHostileServer(options: {
  behaviour: Behaviour;
  /** Where unhandled requests go; `token` replaces the caller's Authorization (a proxy with its own identity). */
  upstream?: { server: string; caPem: string; token?: string };
  /** Serve HTTPS with this certificate and key instead of plain HTTP. */
  tls?: { cert: string; key: string };
  /** Holds the upstream's answer back this long (the server has already acted on the request). */
  answerDelayMs?: (seen: SeenRequest) => number;
}): Promise<HostileServer> {
  const requests: SeenRequest[] = [];
  const agent = new https.Agent({
    keepAlive: true,
    ca: options.upstream?.caPem,
  });
  const handler = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size <= 1024 * 1024) chunks.push(chunk);
    }
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined,
    };
    requests.push(seen);
    try {
      if (await options.behaviour(req, res, seen)) return;
    } catch {
      res.destroy();
      return;
    }
    if (!options.upstream) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"kind":"Status","code":404}');
      return;
    }
    const target = new URL(seen.url, options.upstream.server);
    const upstream = https.request(
      target,
      {
        method: seen.method,
        agent,
        headers: {
          ...req.headers,
          host: target.host,
          ...(options.upstream.token
            ? { authorization: `Bearer ${options.upstream.token}` }
            : {}),
        },
      },
      answer => {
        setTimeout(() => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }, options.answerDelayMs?.(seen) ?? 0);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(seen.body);
  };
  const server = options.tls
    ? https.createServer(options.tls, handler)
    : http.createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** True for a list request (a collection GET with `limit`). */
export function isList(seen: SeenRequest): boolean {
  return seen.method === 'GET' && /[?&]limit=/.test(seen.url);
}

/** Streams `bytes` of a JSON document made of `prefix`, filler and `suffix`, honouring backpressure. */
export function streamHuge(
  res: http.ServerResponse,
  status: number,
  prefix: string,
  bytes: number,
  suffix: string,
) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.write(prefix);
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  let sent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && sent < bytes) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end(suffix);
  };
  pump();
}

const MiB = 1024 * 1024;

/** Hostile behaviours for list requests; everything else is the real API server's answer. */
export const hostile = {
  /** 60 MiB list pages (one object with a 60 MiB name), with a continue token. */
  hugePages: (): Behaviour => (_req, res, seen) => {
    if (!isList(seen)) return false;
    streamHuge(
      res,
      200,
      '{"kind":"List","apiVersion":"v1","metadata":{"continue":"more"},"items":[{"metadata":{"name":"',
      60 * MiB,
      '"}}]}',
    );
    return true;
  },
  /** A fresh continue token on every page, for ever. */
  endlessContinue: (): Behaviour => {
    let n = 0;
    return (_req, res, seen) => {
      if (!isList(seen)) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'List',
          apiVersion: 'v1',
          metadata: { continue: `token-${n++}` },
          items: [],
        }),
      );
      return true;
    };
  },
  /** 60 MiB error bodies (a 500 whose Status message is 60 MiB long). */
  hugeErrors: (): Behaviour => (_req, res, seen) => {
    if (!isList(seen)) return false;
    streamHuge(
      res,
      500,
      '{"kind":"Status","code":500,"message":"',
      60 * MiB,
      '"}',
    );
    return true;
  },
  /** An error page that quotes the request back, Authorization header included. */
  echo: (): Behaviour => (_req, res, seen) => {
    if (!isList(seen)) return false;
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'Status',
        code: 502,
        message: `proxy could not forward ${seen.method} ${
          seen.url
        }; headers: ${JSON.stringify(seen.headers)}`,
      }),
    );
    return true;
  },
  /** A 302 for every request, to `location` (another host, or plain http). */
  redirect:
    (location: string): Behaviour =>
    (_req, res) => {
      res.writeHead(302, { location, 'content-type': 'text/plain' });
      res.end(`moved to ${location}`);
      return true;
    },
};
