import {
  HttpMethod,
  KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';
import type { ReadableStream } from 'node:stream/web';
import { Dispatcher, fetch } from 'undici';
import { KubeApiError } from '../errors';
import { EngineLogger } from '../types';
import {
  ClusterReader,
  KubeObject,
  KubeVersion,
  ListOptions,
  WriteOptions,
} from './ClusterReader';
import {
  AGGREGATED_DISCOVERY_ACCEPT,
  ApiDiscovery,
  DiscoveredGroup,
  isAggregatedDiscovery,
  parseAggregatedDiscovery,
  parseLegacyResourceList,
} from './discovery';
import {
  describeRequest,
  errorFromFetchFailure,
  errorFromStatus,
} from './describeRequestError';

/** The Accept header of metadata-only lists. */
const METADATA_LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** @public */
export interface KubeClusterReaderOptions {
  /** Current context = the cluster to read. */
  kubeConfig: KubeConfig;
  /** Per-request budget in ms. Default 15 000. */
  requestTimeoutMs?: number;
  /** Largest accepted response body in bytes. Default 64 MiB. */
  maxResponseBytes?: number;
  /** Aborts every request in flight (the evaluation's budget or a cancellation). */
  signal?: AbortSignal;
  logger?: EngineLogger;
}

interface RawResponse {
  status: number;
  text: string;
}

/**
 * ClusterReader over HTTP with @kubernetes/client-node's authentication (the same machinery its
 * own Health and Metrics clients use): per-request timeout, a response size cap that aborts the
 * transfer, and a count of requests sent.
 *
 * @public
 */
export class KubeClusterReader implements ClusterReader {
  #count = 0;
  #dispatcher: Dispatcher | undefined;
  #discovery: Promise<ApiDiscovery> | undefined;
  readonly #kubeConfig: KubeConfig;
  readonly #server: string;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #signal?: AbortSignal;
  readonly #logger?: EngineLogger;

  constructor(options: KubeClusterReaderOptions) {
    const cluster = options.kubeConfig.getCurrentCluster();
    if (!cluster?.server) {
      throw new Error(
        'The kubeconfig has no current cluster with a server URL; select a context with --context or set current-context.',
      );
    }
    this.#kubeConfig = options.kubeConfig;
    this.#server = cluster.server.replace(/\/+$/, '');
    this.#timeoutMs = options.requestTimeoutMs ?? 15_000;
    this.#maxBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
    this.#signal = options.signal;
    this.#logger = options.logger;
  }

  get requestCount(): number {
    return this.#count;
  }

  /** The API server URL (no credentials). */
  get server(): string {
    return this.#server;
  }

  async getVersion(): Promise<KubeVersion> {
    const version = await this.get<KubeVersion>('/version');
    if (!version || typeof version.gitVersion !== 'string') {
      throw new KubeApiError({
        status: 200,
        kind: 'badResponse',
        path: '/version',
        message: `${this.#server}/version did not return a Kubernetes version; check that the URL points at a Kubernetes API server.`,
      });
    }
    return version;
  }

  getDiscovery(): Promise<ApiDiscovery> {
    this.#discovery ??= this.#discover();
    return this.#discovery;
  }

  async #discover(): Promise<ApiDiscovery> {
    const [core, apis] = await Promise.all([
      this.get<unknown>('/api', { accept: AGGREGATED_DISCOVERY_ACCEPT }),
      this.get<unknown>('/apis', { accept: AGGREGATED_DISCOVERY_ACCEPT }),
    ]);
    if (isAggregatedDiscovery(core) && isAggregatedDiscovery(apis)) {
      return {
        source: 'aggregated',
        groups: parseAggregatedDiscovery(core, apis),
      };
    }
    // Legacy discovery: one request per group version (preferred version first).
    const coreVersions: string[] = (core as { versions?: string[] })?.versions ?? ['v1'];
    const groupList =
      (apis as {
        groups?: Array<{
          name: string;
          versions: Array<{ version: string }>;
          preferredVersion?: { version: string };
        }>;
      })?.groups ?? [];
    const groups: DiscoveredGroup[] = [];
    const coreGroup: DiscoveredGroup = { name: '', versions: [] };
    for (const v of coreVersions) {
      const list = await this.get<Parameters<typeof parseLegacyResourceList>[0]>(`/api/${v}`);
      coreGroup.versions.push({ version: v, resources: list ? parseLegacyResourceList(list) : [] });
    }
    groups.push(coreGroup);
    await Promise.all(
      groupList.map(async g => {
        const preferred = g.preferredVersion?.version;
        const ordered = [
          ...g.versions.filter(v => v.version === preferred),
          ...g.versions.filter(v => v.version !== preferred),
        ];
        const group: DiscoveredGroup = { name: g.name, versions: [] };
        for (const v of ordered) {
          const list = await this.get<Parameters<typeof parseLegacyResourceList>[0]>(
            `/apis/${g.name}/${v.version}`,
          ).catch(() => undefined); // an unavailable aggregated API must not break discovery
          group.versions.push({
            version: v.version,
            resources: list ? parseLegacyResourceList(list) : [],
          });
        }
        groups.push(group);
      }),
    );
    return { source: 'legacy', groups };
  }

  async *listPages(
    path: string,
    options: ListOptions = {},
  ): AsyncGenerator<KubeObject[]> {
    let continueToken: string | undefined;
    do {
      const query = new URLSearchParams();
      query.set('limit', String(options.pageSize ?? 500));
      if (continueToken) query.set('continue', continueToken);
      if (options.labelSelector) query.set('labelSelector', options.labelSelector);
      if (options.fieldSelector) query.set('fieldSelector', options.fieldSelector);
      const page = await this.get<{
        items?: KubeObject[];
        metadata?: { continue?: string };
      }>(`${path}?${query}`, {
        accept: options.metadataOnly ? METADATA_LIST_ACCEPT : 'application/json',
      });
      if (!page) {
        return;
      }
      yield page.items ?? [];
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
  }

  async get<T = KubeObject>(
    path: string,
    options: { accept?: string } = {},
  ): Promise<T | undefined> {
    const res = await this.#send('GET', path, {
      accept: options.accept ?? 'application/json',
    });
    if (res.status === 404) return undefined;
    return this.#parse<T>('GET', path, res);
  }

  async getText(path: string): Promise<string | undefined> {
    const res = await this.#send('GET', path, { accept: 'text/plain, */*' });
    if (res.status === 404) return undefined;
    if (res.status >= 400) throw errorFromStatus('GET', path, res.status, res.text);
    return res.text;
  }

  async create<T = KubeObject>(
    path: string,
    body: object,
    options: WriteOptions = {},
  ): Promise<T> {
    const full = options.dryRun ? `${path}${path.includes('?') ? '&' : '?'}dryRun=All` : path;
    const res = await this.#send('POST', full, {
      accept: 'application/json',
      body: JSON.stringify(body),
    });
    const parsed = await this.#parse<T>('POST', full, res);
    return parsed as T;
  }

  async delete(
    path: string,
    options: { propagationPolicy?: 'Background' | 'Foreground'; cleanup?: boolean } = {},
  ): Promise<void> {
    const res = await this.#send('DELETE', path, {
      detached: options.cleanup,
      accept: 'application/json',
      body: JSON.stringify({
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        propagationPolicy: options.propagationPolicy ?? 'Background',
      }),
    });
    if (res.status === 404 || res.status < 300) return;
    throw errorFromStatus('DELETE', path, res.status, res.text);
  }

  async close(): Promise<void> {
    const dispatcher = this.#dispatcher;
    this.#dispatcher = undefined;
    await dispatcher?.close().catch(() => undefined);
  }

  #parse<T>(method: string, path: string, res: RawResponse): T {
    if (res.status >= 400) {
      throw errorFromStatus(method, path, res.status, res.text);
    }
    try {
      return JSON.parse(res.text) as T;
    } catch {
      throw new KubeApiError({
        status: res.status,
        kind: 'badResponse',
        path,
        message: `The answer to ${describeRequest(method, path)} is not JSON; check that ${this.#server} is a Kubernetes API server and not a proxy or web page.`,
      });
    }
  }

  async #send(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { accept: string; body?: string; detached?: boolean },
  ): Promise<RawResponse> {
    const runSignal = options.detached ? undefined : this.#signal;
    if (runSignal?.aborted) {
      throw errorFromFetchFailure(method, path, this.#server, undefined, 'aborted', this.#timeoutMs);
    }
    const url = `${this.#server}${path}`;
    const context = new RequestContext(url, method as HttpMethod);
    try {
      await this.#kubeConfig.applySecurityAuthentication(context);
    } catch (error) {
      throw new KubeApiError({
        status: 0,
        kind: 'other',
        path,
        message: `The credentials or TLS settings for ${this.#server} cannot be used: ${(error as Error).message}`,
      });
    }
    // One connection pool per reader: reuse the first dispatcher, fresh auth headers per request.
    this.#dispatcher ??= context.getDispatcher() as Dispatcher | undefined;
    const headers: Record<string, string> = {
      ...context.getHeaders(),
      Accept: options.accept,
    };
    if (options.body) headers['Content-Type'] = 'application/json';

    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.#timeoutMs);
    const signal = runSignal
      ? AbortSignal.any([timeout.signal, runSignal])
      : timeout.signal;
    this.#count++;
    this.#logger?.debug(`${method} ${path.split('?')[0]}`);
    try {
      const response = await fetch(url, {
        method,
        headers,
        body: options.body,
        dispatcher: this.#dispatcher,
        signal,
      });
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > this.#maxBytes) {
        timeout.abort();
        throw this.#tooLarge(method, path, declared);
      }
      const text = await this.#readCapped(method, path, response.body);
      return { status: response.status, text };
    } catch (error) {
      if (error instanceof KubeApiError) throw error;
      let cause: 'aborted' | 'timeout' | undefined;
      if (runSignal?.aborted) cause = 'aborted';
      else if (timeout.signal.aborted) cause = 'timeout';
      throw errorFromFetchFailure(method, path, this.#server, error, cause, this.#timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  async #readCapped(
    method: string,
    path: string,
    body: ReadableStream<Uint8Array> | null,
  ): Promise<string> {
    if (!body) return '';
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > this.#maxBytes) {
        // Stop the transfer now rather than buffering the rest of a huge body.
        await reader.cancel().catch(() => undefined);
        throw this.#tooLarge(method, path, total);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  #tooLarge(method: string, path: string, bytes: number): KubeApiError {
    return new KubeApiError({
      status: 0,
      kind: 'tooLarge',
      path,
      message: `The answer to ${describeRequest(method, path)} exceeded the response size limit (${Math.round(
        this.#maxBytes / 1024 / 1024,
      )} MiB, got at least ${Math.round(bytes / 1024 / 1024)} MiB); raise maxResponseBytes or reduce the objects in the cluster.`,
    });
  }
}
