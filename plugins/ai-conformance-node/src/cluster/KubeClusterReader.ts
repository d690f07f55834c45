import {
  HttpMethod,
  KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';
import type { Readable } from 'node:stream';
import { Dispatcher, getGlobalDispatcher } from 'undici';
import { isKubeApiError, KubeApiError } from '../errors';
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
import { LIST_HEAD_MAX_BYTES, ListHead, readListHead } from './listHead';
import { ItemBatches } from './itemBatches';
import {
  KUBE_PROTOBUF,
  ProtobufListKind,
  protobufStatusMessage,
} from './protobuf/kubeProtobuf';
import {
  ProtobufItemTooLargeError,
  ProtobufListStream,
} from './protobuf/listStream';
import {
  describeRequest,
  errorFromFetchFailure,
  errorFromStatus,
} from './describeRequestError';
import { createReaderDispatcher } from './readerDispatcher';
import {
  ACCEPTED_ENCODING,
  ChunkResult,
  decodedBody,
  decompressionErrorCode,
  readChunks,
  STOP,
} from './responseBody';
import { capServerText } from './serverText';

/** The Accept header of metadata-only lists. */
const METADATA_LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** @public */
export interface KubeClusterReaderOptions {
  /** Current context = the cluster to read. */
  kubeConfig: KubeConfig;
  /** Per-request budget in ms. Default 15 000. */
  requestTimeoutMs?: number;
  /**
   * Largest accepted response body in bytes. Default 16 MiB: no Kubernetes object exceeds
   * 1.5 MiB (etcd's limit), and a list page over the cap is asked for again with a tenth of the
   * objects (500, 50, 5), so only a hostile or broken server hits it. Protobuf lists, decoded
   * while they arrive and never held whole, apply it to each object instead.
   */
  maxResponseBytes?: number;
  /**
   * Bytes all responses of this reader may total: the evaluation's budget, so that a hostile
   * server cannot keep one busy for ever. Default 1 GiB.
   */
  maxEvaluationBytes?: number;
  /** List pages this reader may request in total (endless continue tokens). Default 2 000. */
  maxPages?: number;
  /**
   * Ask for gzip-compressed answers. Default: yes, unless the API server is on a loopback address:
   * there compression saves no transfer and only costs the server CPU (at 5,000 nodes / 50,000
   * pods about 60 % of the API server's time for the lists, measured with `yarn bench:capacity`).
   */
  compressResponses?: boolean;
  /** Aborts every request in flight (the evaluation's budget or a cancellation). */
  signal?: AbortSignal;
  logger?: EngineLogger;
}

interface RawResponse {
  status: number;
  contentType: string;
  /** The body went to `onProtobufChunk`; `bytes` is empty. */
  streamed?: boolean;
  bytes: Buffer;
  /** The body as text (decoded on first use). */
  readonly text: string;
}

interface ListPage {
  items?: KubeObject[];
  metadata?: { continue?: string };
}

/** The default cap of one response body (see `maxResponseBytes`). @public */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Attempts per list page when the API server's watch cache is behind (504). */
const PAGE_ATTEMPTS = 3;
/** How often a list page over the size cap is asked for again with a tenth of the `limit`. */
const PAGE_SHRINKS = 2;
/** Of an error answer, only this much is read: its message is quoted capped anyway. */
const ERROR_BODY_MAX_BYTES = 64 * 1024;

/**
 * A 504 "Too large resource version": a continued page asks for the snapshot of the first page,
 * which the API server's watch cache has not reached yet (a busy server); it answers after a
 * few seconds of waiting, and asking again normally succeeds.
 */
function isCacheBehind(res: RawResponse): boolean {
  return res.status === 504 && res.text.includes('Too large resource version');
}

/** A size in MiB, or in KiB below 1 MiB (a small cap would read "0 MiB"). */
function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / 1024 / 1024)} MiB`
    : `${Math.round(bytes / 1024)} KiB`;
}

/** `localhost`, 127.0.0.0/8 or ::1 (URL host names keep IPv6 brackets). */
function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname)
  );
}

/** One list page in flight: its continue token as soon as the head arrived, then the page. */
interface PendingPage {
  /** The continue token this page was asked for with. */
  token?: string;
  head: Promise<string | undefined>;
  /** The objects of a protobuf page, decoded while it arrives; then `body` has none. */
  streamed: ItemBatches;
  /** The answer was protobuf, decoded while it arrived (not JSON, which is buffered). */
  wasStreamed(): boolean;
  body: Promise<ListPage | undefined>;
  abandon(): void;
}

/**
 * ClusterReader over HTTP with `@kubernetes/client-node`'s authentication (the same machinery its
 * own Health and Metrics clients use): per-request timeout, a response size cap that aborts the
 * transfer, and a count of requests sent.
 *
 * @public
 */
export class KubeClusterReader implements ClusterReader {
  #count = 0;
  #continuations = 0;
  #bytes = 0;
  /** A request was aborted (timeout, cancellation, a page no longer wanted). */
  #interrupted = false;
  #pages = 0;
  /** Credential values this reader sends or knows; never quoted from a server's answer. */
  readonly #secrets = new Set<string>();
  #dispatcher: Promise<Dispatcher | undefined> | undefined;
  #discovery: Promise<ApiDiscovery> | undefined;
  readonly #kubeConfig: KubeConfig;
  readonly #server: string;
  /** The server URL's origin, and its path (a proxy's prefix) that every request path follows. */
  readonly #origin: string;
  readonly #basePath: string;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #maxEvaluationBytes: number;
  readonly #maxPages: number;
  readonly #compress: boolean;
  readonly #signal?: AbortSignal;
  readonly #logger?: EngineLogger;

  constructor(options: KubeClusterReaderOptions) {
    const cluster = options.kubeConfig.getCurrentCluster();
    if (!cluster?.server) {
      throw new Error(
        'The kubeconfig has no current cluster with a server URL; select a context with --context or set current-context.',
      );
    }
    const user = options.kubeConfig.getCurrentUser();
    for (const value of [user?.token, user?.password]) {
      if (value) this.#secrets.add(value);
    }
    let url: URL;
    try {
      url = new URL(cluster.server);
    } catch {
      throw new Error(
        'The API server URL of the current cluster is not a URL; set it to https://<host>:<port>.',
      );
    }
    if (url.username || url.password) {
      for (const part of [url.username, url.password]) {
        if (part) this.#secrets.add(decodeURIComponent(part));
      }
      throw new Error(
        `The API server URL ${url.protocol}//[redacted]@${url.host} carries a user name or password; remove it from the URL and configure a token or client certificate instead.`,
      );
    }
    this.#kubeConfig = options.kubeConfig;
    this.#server = cluster.server.replace(/\/+$/, '');
    this.#origin = url.origin;
    this.#basePath = url.pathname.replace(/\/+$/, '');
    this.#timeoutMs = options.requestTimeoutMs ?? 15_000;
    this.#maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#maxEvaluationBytes = options.maxEvaluationBytes ?? 1024 * 1024 * 1024;
    this.#maxPages = options.maxPages ?? 2_000;
    this.#compress = options.compressResponses ?? !isLoopbackHost(url.hostname);
    this.#signal = options.signal;
    this.#logger = options.logger;
  }

  get requestCount(): number {
    return this.#count;
  }

  /** Of those, list requests for a further page (with a continue token). */
  get continuationRequests(): number {
    return this.#continuations;
  }

  /** The API server URL (no credentials). */
  get server(): string {
    return this.#server;
  }

  /** Response bytes received so far (counted against `maxEvaluationBytes`). */
  get bytesRead(): number {
    return this.#bytes;
  }

  /** List pages requested so far (counted against `maxPages`). */
  get pagesRequested(): number {
    return this.#pages;
  }

  async getVersion(): Promise<KubeVersion> {
    const version = await this.get<KubeVersion>('/version');
    if (
      !version ||
      typeof version.gitVersion !== 'string' ||
      version.gitVersion.length > 64
    ) {
      throw new KubeApiError({
        status: 200,
        kind: 'badResponse',
        path: '/version',
        message: `${
          this.#server
        }/version did not return a Kubernetes version (a gitVersion of at most 64 characters); check that the URL points at a Kubernetes API server.`,
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
    const coreVersions: string[] = (core as { versions?: string[] })
      ?.versions ?? ['v1'];
    const groupList =
      (
        apis as {
          groups?: Array<{
            name: string;
            versions: Array<{ version: string }>;
            preferredVersion?: { version: string };
          }>;
        }
      )?.groups ?? [];
    const groups: DiscoveredGroup[] = [];
    const coreGroup: DiscoveredGroup = { name: '', versions: [] };
    for (const v of coreVersions) {
      const list = await this.get<
        Parameters<typeof parseLegacyResourceList>[0]
      >(`/api/${v}`);
      coreGroup.versions.push({
        version: v,
        resources: list ? parseLegacyResourceList(list) : [],
      });
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
          const list = await this.get<
            Parameters<typeof parseLegacyResourceList>[0]
          >(`/apis/${g.name}/${v.version}`).catch(() => undefined); // an unavailable aggregated API must not break discovery
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

  /**
   * Pages are pipelined: the continue token is read from the head of each response, so the next
   * page is requested while the current one is still being transferred and parsed (at most one
   * page ahead). The API server serves these pages from its watch cache snapshot.
   */
  async *listPages(
    path: string,
    options: ListOptions = {},
  ): AsyncGenerator<KubeObject[]> {
    let accept = 'application/json';
    if (options.metadataOnly) accept = METADATA_LIST_ACCEPT;
    else if (options.protobuf) accept = `${KUBE_PROTOBUF}, application/json`;
    let limit = options.pageSize ?? 500;
    const pageUrl = (continueToken?: string) => {
      const query = new URLSearchParams();
      query.set('limit', String(limit));
      if (continueToken) query.set('continue', continueToken);
      if (options.labelSelector)
        query.set('labelSelector', options.labelSelector);
      if (options.fieldSelector)
        query.set('fieldSelector', options.fieldSelector);
      return `${path}?${query}`;
    };
    const request = (continueToken?: string): PendingPage => ({
      ...this.#requestPage(pageUrl(continueToken), accept, options.protobuf),
      token: continueToken,
    });
    const seen = new Set<string>();
    let shrinks = 0;
    let current: PendingPage | undefined = request();
    let next: PendingPage | undefined;
    try {
      while (current) {
        const early = await current.head;
        if (early && !seen.has(early)) next = request(early);
        for await (const batch of current.streamed.drain()) yield batch;
        let page: ListPage | undefined;
        try {
          page = await current.body;
        } catch (error) {
          // A streamed page is capped per object (which a smaller page would not make smaller),
          // and its first objects were handed over already.
          if (
            !isKubeApiError(error, 'tooLarge') ||
            current.wasStreamed() ||
            limit === 1 ||
            shrinks >= PAGE_SHRINKS
          ) {
            throw error;
          }
          // One page is too big (a tenant with huge objects): ask again for fewer objects.
          shrinks++;
          next?.abandon();
          next = undefined;
          limit = Math.max(1, Math.floor(limit / 10));
          this.#logger?.debug(
            `retrying ${path} with limit=${limit}: a page exceeded the response size limit`,
          );
          current = request(current.token);
          continue;
        }
        if (!page) return;
        const continueToken = page.metadata?.continue || undefined;
        if (continueToken) {
          if (seen.has(continueToken)) {
            throw new KubeApiError({
              status: 200,
              kind: 'badResponse',
              path,
              message: `The API server returned the same continue token twice while paging ${describeRequest(
                'GET',
                path,
              )}; the list would never end. Check that ${
                this.#server
              } is a Kubernetes API server and not a proxy that alters responses.`,
            });
          }
          seen.add(continueToken);
        }
        if (!next && continueToken) next = request(continueToken);
        current = next;
        next = undefined;
        if (page.items?.length) yield page.items;
      }
    } finally {
      // Stopped early (an error or the consumer returned): drop the page fetched ahead.
      for (const pending of [current, next]) pending?.abandon();
    }
  }

  #requestPage(
    path: string,
    accept: string,
    protobufKind?: ProtobufListKind,
  ): PendingPage {
    if (path.includes('&continue=')) this.#continuations++;
    this.#pages++;
    const abandoned = new AbortController();
    let resolveHead!: (token: string | undefined) => void;
    const head = new Promise<string | undefined>(resolve => {
      resolveHead = resolve;
    });
    const onListHead = (h: ListHead) => resolveHead(h.continue);
    const streamed = new ItemBatches();
    let wasStreamed = false;
    const overBudget = this.#pages > this.#maxPages;
    const handChunk = (stream: ProtobufListStream, chunk: Uint8Array) => {
      wasStreamed = true;
      const items = this.#decodeChunk(path, stream, chunk);
      if (stream.head) resolveHead(stream.head.continue);
      return streamed.push(items);
    };
    const body = (async () => {
      if (overBudget) throw this.#budgetUsedUp('GET', path, 'pages');
      for (let attempt = 1; ; attempt++) {
        const stream = protobufKind
          ? new ProtobufListStream(protobufKind, this.#maxBytes)
          : undefined;
        const res = await this.#send('GET', path, {
          accept,
          abort: abandoned.signal,
          onListHead,
          onProtobufChunk: stream && (chunk => handChunk(stream, chunk)),
        });
        if (res.status === 404) return undefined;
        if (attempt < PAGE_ATTEMPTS && isCacheBehind(res)) {
          // Transient: the API server's watch cache has not caught up with the page's snapshot.
          this.#logger?.debug(
            `retrying ${path.split('?')[0]}: the API server's cache is behind`,
          );
          continue;
        }
        if (stream && res.streamed) {
          this.#decodeChunk(path, stream);
          return { items: [], metadata: { continue: stream.head?.continue } };
        }
        return this.#parse<ListPage>('GET', path, res);
      }
    })().finally(() => {
      resolveHead(undefined);
      streamed.end();
    });
    // The body is awaited by listPages unless the iteration stops; never leave it unhandled.
    body.catch(() => undefined);
    return {
      head,
      streamed,
      wasStreamed: () => wasStreamed,
      body,
      abandon: () => {
        streamed.cancel();
        abandoned.abort();
      },
    };
  }

  async get<T = KubeObject>(
    path: string,
    options: { accept?: string; cleanup?: boolean } = {},
  ): Promise<T | undefined> {
    const res = await this.#send('GET', path, {
      accept: options.accept ?? 'application/json',
      detached: options.cleanup,
    });
    if (res.status === 404) return undefined;
    return this.#parse<T>('GET', path, res);
  }

  async getText(path: string): Promise<string | undefined> {
    const res = await this.#send('GET', path, { accept: 'text/plain, */*' });
    if (res.status === 404) return undefined;
    if (res.status >= 300)
      throw errorFromStatus('GET', path, res.status, res.text, this.#secrets);
    return res.text;
  }

  async create<T = KubeObject>(
    path: string,
    body: object,
    options: WriteOptions = {},
  ): Promise<T> {
    const full = options.dryRun
      ? `${path}${path.includes('?') ? '&' : '?'}dryRun=All`
      : path;
    const res = await this.#send('POST', full, {
      accept: 'application/json',
      body: JSON.stringify(body),
    });
    const parsed = await this.#parse<T>('POST', full, res);
    return parsed as T;
  }

  async delete(
    path: string,
    options: {
      propagationPolicy?: 'Background' | 'Foreground';
      cleanup?: boolean;
    } = {},
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
    throw errorFromStatus('DELETE', path, res.status, res.text, this.#secrets);
  }

  async close(): Promise<void> {
    const dispatcher = await this.#dispatcher?.catch(() => undefined);
    this.#dispatcher = undefined;
    if (dispatcher && this.#interrupted) {
      // An aborted HTTP/2 request leaves a stream that undici's close/destroy would end with an
      // 'error' event nobody listens to: an uncaught exception that ends the process (the whole
      // backend). Such a pool is left to its idle timeout instead of being closed.
      return;
    }
    await dispatcher?.close().catch(() => undefined);
  }

  /** Feeds a chunk of a protobuf list to its decoder (no chunk: the body ended). */
  #decodeChunk(
    path: string,
    stream: ProtobufListStream,
    chunk?: Uint8Array,
  ): KubeObject[] {
    try {
      if (chunk) return stream.push(chunk);
      stream.end();
      return [];
    } catch (error) {
      if (error instanceof ProtobufItemTooLargeError) {
        throw this.#tooLarge('GET', path, error.bytes, 'object');
      }
      throw new KubeApiError({
        status: 200,
        kind: 'badResponse',
        path,
        message: `The protobuf answer to ${describeRequest(
          'GET',
          path,
        )} could not be decoded (${capServerText(
          (error as Error).message,
          this.#secrets,
        )}); check that ${
          this.#server
        } is a Kubernetes API server and not a proxy that alters responses.`,
      });
    }
  }

  #parse<T>(method: string, path: string, res: RawResponse): T {
    if (res.status >= 300) {
      const body = res.contentType.startsWith(KUBE_PROTOBUF)
        ? JSON.stringify({ message: protobufStatusMessage(res.bytes) })
        : res.text;
      throw errorFromStatus(method, path, res.status, body, this.#secrets);
    }
    try {
      return JSON.parse(res.text) as T;
    } catch {
      throw new KubeApiError({
        status: res.status,
        kind: 'badResponse',
        path,
        message: `The answer to ${describeRequest(
          method,
          path,
        )} is not JSON; check that ${
          this.#server
        } is a Kubernetes API server and not a proxy or web page.`,
      });
    }
  }

  async #send(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: {
      accept: string;
      body?: string;
      detached?: boolean;
      /** Aborts this request only (a page fetched ahead that is no longer wanted). */
      abort?: AbortSignal;
      /** Called once with the list metadata when a 200 list response has sent it. */
      onListHead?: (head: ListHead) => void;
      /**
       * Receives a 200 protobuf body chunk by chunk instead of it being buffered (and capped):
       * the timeout then applies to each wait for the next chunk, not to the whole transfer. The
       * transfer waits for the promise it returns.
       */
      onProtobufChunk?: (chunk: Buffer) => ChunkResult;
    },
  ): Promise<RawResponse> {
    const runSignal = options.detached ? undefined : this.#signal;
    if (!options.detached && this.#bytes >= this.#maxEvaluationBytes) {
      throw this.#budgetUsedUp(method, path, 'bytes');
    }
    if (runSignal?.aborted) {
      throw errorFromFetchFailure(
        method,
        path,
        this.#server,
        undefined,
        'aborted',
        this.#timeoutMs,
      );
    }
    const url = `${this.#server}${path}`;
    const context = new RequestContext(url, method as HttpMethod);
    let dispatcher: Dispatcher;
    try {
      await this.#kubeConfig.applySecurityAuthentication(context);
      // One connection pool per reader: reuse the first dispatcher, fresh auth headers per request.
      this.#dispatcher ??= createReaderDispatcher(this.#kubeConfig, context);
      dispatcher = (await this.#dispatcher) ?? getGlobalDispatcher();
    } catch (error) {
      throw new KubeApiError({
        status: 0,
        kind: 'other',
        path,
        message: `The credentials or TLS settings for ${
          this.#server
        } cannot be used: ${capServerText(
          (error as Error).message,
          this.#secrets,
        )}`,
      });
    }
    const headers: Record<string, string> = {
      ...context.getHeaders(),
      Accept: options.accept,
      'Accept-Encoding': this.#compress ? ACCEPTED_ENCODING : 'identity',
    };
    this.#rememberCredentials(headers);
    if (options.body) headers['Content-Type'] = 'application/json';

    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.#timeoutMs);
    const signal = AbortSignal.any(
      [timeout.signal, runSignal, options.abort].filter(
        (s): s is AbortSignal => s !== undefined,
      ),
    );
    this.#count++;
    this.#logger?.debug(`${method} ${path.split('?')[0]}`);
    let body: Readable | undefined;
    let status = 0;
    try {
      // undici's request never follows a redirect: it would carry the credentials to another host
      // or to plain http. A 3xx comes back as it is and is reported as such.
      const response = await dispatcher.request({
        origin: this.#origin,
        path: `${this.#basePath}${path}`,
        method,
        headers,
        body: options.body,
        signal,
      });
      body = response.body;
      // undici's body emits 'error' when it is destroyed before its end (a body dropped unread,
      // below or in `finally`); with no listener that is an uncaught exception, which would end
      // the whole backend. Readers of the body add listeners of their own.
      body.on('error', () => undefined);
      status = response.statusCode;
      const header = (name: string) => {
        const value = response.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const failed = status >= 300;
      const declared = Number(header('content-length') ?? NaN);
      if (!failed && declared > this.#maxBytes) {
        throw this.#tooLarge(method, path, declared);
      }
      const contentType = header('content-type') ?? '';
      const encoding = header('content-encoding');
      const decoded = decodedBody(body, encoding);
      if (!decoded) {
        throw new KubeApiError({
          status,
          kind: 'badResponse',
          path,
          message: `The answer to ${describeRequest(
            method,
            path,
          )} is compressed as "${capServerText(
            encoding ?? '',
            this.#secrets,
            64,
          )}", which was not asked for; check for a proxy that alters responses between here and ${
            this.#server
          }.`,
        });
      }
      body = decoded;
      if (
        status === 200 &&
        options.onProtobufChunk &&
        contentType.startsWith(KUBE_PROTOBUF)
      ) {
        await this.#readStreamed(
          method,
          path,
          body,
          options.onProtobufChunk,
          () => timer.refresh(),
        );
        return {
          status,
          contentType,
          streamed: true,
          bytes: Buffer.alloc(0),
          text: '',
        };
      }
      const onListHead = options.onListHead;
      const bytes = failed
        ? await this.#readTruncated(body, ERROR_BODY_MAX_BYTES)
        : await this.#readCapped(
            method,
            path,
            body,
            status === 200 &&
              onListHead &&
              !contentType.startsWith(KUBE_PROTOBUF)
              ? start => {
                  const head = readListHead(start);
                  if (head) onListHead(head);
                  return !!head;
                }
              : undefined,
          );
      let text: string | undefined;
      return {
        status,
        contentType,
        bytes,
        get text() {
          text ??= bytes.toString('utf8');
          return text;
        },
      };
    } catch (error) {
      // Any failure mid-request may leave an HTTP/2 stream behind (see close).
      this.#interrupted = true;
      if (error instanceof KubeApiError) throw error;
      const undecodable = decompressionErrorCode(error);
      if (undecodable) {
        throw new KubeApiError({
          status,
          kind: 'badResponse',
          path,
          message: `The compressed answer to ${describeRequest(
            method,
            path,
          )} could not be decompressed (${undecodable}); check for a proxy that alters responses between here and ${
            this.#server
          }.`,
        });
      }
      let cause: 'aborted' | 'timeout' | undefined;
      if (runSignal?.aborted) cause = 'aborted';
      else if (timeout.signal.aborted) cause = 'timeout';
      throw errorFromFetchFailure(
        method,
        path,
        this.#server,
        error,
        cause,
        this.#timeoutMs,
        this.#secrets,
      );
    } finally {
      clearTimeout(timer);
      // A body not read to its end (an error, a cap) must not hold its connection.
      if (body && !body.readableEnded) body.destroy();
    }
  }

  /** Keeps the credential values sent, so that an answer quoting them back is scrubbed. */
  #rememberCredentials(headers: Record<string, string>) {
    const authorization = headers.Authorization ?? headers.authorization;
    if (!authorization) return;
    const [scheme, value] = authorization.split(/\s+/, 2);
    if (value) this.#secrets.add(value);
    if (scheme?.toLowerCase() === 'basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const password = decoded.slice(decoded.indexOf(':') + 1);
      if (password) this.#secrets.add(password);
    }
  }

  /** Reads at most `max` bytes of a body and drops the rest (error answers). */
  async #readTruncated(body: Readable, max: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    await readChunks(body, chunk => {
      chunks.push(chunk);
      total += chunk.length;
      this.#bytes += chunk.length;
      return total >= max ? STOP : undefined;
    });
    return Buffer.concat(chunks, total).subarray(0, max);
  }

  /** Hands a body to `onChunk` as it arrives, within the evaluation's byte budget. */
  #readStreamed(
    method: string,
    path: string,
    body: Readable,
    onChunk: (chunk: Buffer) => ChunkResult,
    onProgress: () => void,
  ): Promise<void> {
    return readChunks(body, chunk => {
      onProgress();
      this.#bytes += chunk.length;
      if (this.#bytes > this.#maxEvaluationBytes) {
        throw this.#budgetUsedUp(method, path, 'bytes');
      }
      return onChunk(chunk);
    });
  }

  async #readCapped(
    method: string,
    path: string,
    body: Readable,
    /** Looks for the list head in the first bytes; true once found. */
    findListHead?: (start: Buffer) => boolean,
  ): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    let lookForHead = !!findListHead;
    await readChunks(body, chunk => {
      total += chunk.length;
      this.#bytes += chunk.length;
      // Stop the transfer now rather than buffering the rest of a huge body.
      if (total > this.#maxBytes) throw this.#tooLarge(method, path, total);
      if (this.#bytes > this.#maxEvaluationBytes) {
        throw this.#budgetUsedUp(method, path, 'bytes');
      }
      chunks.push(chunk);
      if (lookForHead) {
        const found = findListHead!(
          Buffer.concat(chunks, Math.min(total, LIST_HEAD_MAX_BYTES)),
        );
        lookForHead = !found && total < LIST_HEAD_MAX_BYTES;
      }
    });
    return Buffer.concat(chunks, total);
  }

  #budgetUsedUp(
    method: string,
    path: string,
    what: 'bytes' | 'pages',
  ): KubeApiError {
    const limit =
      what === 'bytes'
        ? `${Math.round(
            this.#maxEvaluationBytes / 1024 / 1024,
          )} MiB of responses`
        : `${this.#maxPages} list pages`;
    return new KubeApiError({
      status: 0,
      kind: 'budget',
      path,
      message: `The evaluation's read budget (${limit}) was used up before ${describeRequest(
        method,
        path,
      )}; the cluster answers far more data than a conformance check needs. Check for a proxy that alters responses, or raise the budget.`,
    });
  }

  #tooLarge(
    method: string,
    path: string,
    bytes: number,
    what: 'answer' | 'object' = 'answer',
  ): KubeApiError {
    const size = `${formatBytes(this.#maxBytes)}, got at least ${formatBytes(
      bytes,
    )}`;
    return new KubeApiError({
      status: 0,
      kind: 'tooLarge',
      path,
      message:
        what === 'answer'
          ? `The answer to ${describeRequest(
              method,
              path,
            )} exceeded the response size limit (${size}); raise maxResponseBytes or reduce the objects in the cluster.`
          : `An object in the answer to ${describeRequest(
              method,
              path,
            )} exceeded the response size limit (${size}); no Kubernetes object is that large: check that ${
              this.#server
            } is a Kubernetes API server and not a proxy that alters responses, or raise maxResponseBytes.`,
    });
  }
}
