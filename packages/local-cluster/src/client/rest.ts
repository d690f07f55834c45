import https from 'node:https';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: any,
  ) {
    super(
      `${method} ${path}: HTTP ${status} ${
        body?.message ?? JSON.stringify(body)?.slice(0, 300)
      }`,
    );
  }
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: any };
  [k: string]: any;
}

interface ResourceInfo {
  name: string;
  namespaced: boolean;
}

export interface Credentials {
  server: string;
  caPem: string;
  token: string;
}

/**
 * A small REST client over node:https with keep-alive. It covers what the
 * scenarios and scale mode need (server-side apply, status patches, bulk
 * creates) without per-kind API classes.
 */
export class RestClient {
  private readonly agent: https.Agent;
  private readonly discovery = new Map<string, Map<string, ResourceInfo>>();

  constructor(readonly creds: Credentials, maxSockets = 64) {
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets,
      ca: creds.caPem,
    });
  }

  close() {
    this.agent.destroy();
  }

  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    const url = new URL(path, this.creds.server);
    let payload: string | undefined;
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) payload = JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.creds.token}`,
            Accept: 'application/json',
            ...(payload !== undefined
              ? {
                  'Content-Type': contentType,
                  'Content-Length': Buffer.byteLength(payload),
                }
              : {}),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: any = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              /* not JSON (e.g. /healthz) */
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(parsed);
            else reject(new ApiError(status, method, path, parsed));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(120000, () =>
        req.destroy(new Error(`${method} ${path}: timed out`)),
      );
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  private async resources(
    apiVersion: string,
    refresh = false,
  ): Promise<Map<string, ResourceInfo>> {
    let map = this.discovery.get(apiVersion);
    if (!map || refresh) {
      const base = apiVersion.includes('/')
        ? `/apis/${apiVersion}`
        : `/api/${apiVersion}`;
      const list = await this.get(base);
      map = new Map();
      for (const r of list.resources as any[]) {
        if (!r.name.includes('/'))
          map.set(r.kind, { name: r.name, namespaced: r.namespaced });
      }
      this.discovery.set(apiVersion, map);
    }
    return map;
  }

  /** Resolves an object's REST path via discovery (refreshed once on a miss, e.g. after a CRD lands). */
  async pathFor(
    obj: Pick<KubeObject, 'apiVersion' | 'kind'> & {
      metadata?: { name?: string; namespace?: string };
    },
    withName = true,
  ): Promise<string> {
    let info = (
      await this.resources(obj.apiVersion).catch(() => undefined)
    )?.get(obj.kind);
    if (!info)
      info = (await this.resources(obj.apiVersion, true)).get(obj.kind);
    if (!info)
      throw new Error(`the server has no ${obj.kind} in ${obj.apiVersion}`);
    const base = obj.apiVersion.includes('/')
      ? `/apis/${obj.apiVersion}`
      : `/api/${obj.apiVersion}`;
    const ns = info.namespaced
      ? `/namespaces/${obj.metadata?.namespace || 'default'}`
      : '';
    const name = withName && obj.metadata?.name ? `/${obj.metadata.name}` : '';
    return `${base}${ns}/${info.name}${name}`;
  }

  /** Server-side apply (JSON is valid YAML, so it goes as apply-patch+yaml). */
  async apply<T = KubeObject>(
    obj: KubeObject,
    fieldManager = 'local-cluster',
  ): Promise<T> {
    const p = await this.pathFor(obj);
    return this.request<T>(
      'PATCH',
      `${p}?fieldManager=${fieldManager}&force=true`,
      obj,
      'application/apply-patch+yaml',
    );
  }

  /** Server-side apply of the status subresource. */
  async applyStatus<T = KubeObject>(
    obj: KubeObject,
    fieldManager = 'local-cluster-status',
  ): Promise<T> {
    const p = await this.pathFor(obj);
    const body = {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace },
      status: obj.status,
    };
    return this.request<T>(
      'PATCH',
      `${p}/status?fieldManager=${fieldManager}&force=true`,
      body,
      'application/apply-patch+yaml',
    );
  }

  async create<T = KubeObject>(obj: KubeObject): Promise<T> {
    const p = await this.pathFor(obj, false);
    return this.request<T>('POST', p, obj);
  }

  async delete(obj: KubeObject): Promise<void> {
    const p = await this.pathFor(obj);
    await this.request('DELETE', p).catch(e => {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    });
  }
}

/** Polls until fn returns a truthy value or the timeout passes. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 60000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000}s waiting for ${what}${
          lastError ? `: ${lastError}` : ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

/** Runs fn over items with at most `concurrency` in flight; returns the count of failures. */
export async function runPool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(concurrency, items.length) },
    async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    },
  );
  await Promise.all(workers);
}
