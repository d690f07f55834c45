import { ApiDiscovery } from '../cluster/discovery';
import {
  ClusterReader,
  KubeObject,
  KubeVersion,
  ListOptions,
} from '../cluster/ClusterReader';
import { KubeApiError } from '../errors';

/** An in-memory ClusterReader (the project's own interface) for unit tests of the engine. */
export class FakeClusterReader implements ClusterReader {
  requestCount = 0;
  readonly requested: string[] = [];
  readonly created: Array<{ path: string; body: any; dryRun?: boolean }> = [];
  readonly deleted: string[] = [];

  constructor(
    private readonly options: {
      version?: KubeVersion | KubeApiError;
      discovery: ApiDiscovery;
      /** Collection path → objects. */
      objects?: Record<string, KubeObject[]>;
      /** Path prefix → error thrown for it. */
      errors?: Record<string, KubeApiError>;
      onCreate?: (path: string, body: any) => void;
    },
  ) {}

  #count(path: string) {
    this.requestCount++;
    this.requested.push(path);
    for (const [prefix, error] of Object.entries(this.options.errors ?? {})) {
      if (path.startsWith(prefix)) throw error;
    }
  }

  async getVersion(): Promise<KubeVersion> {
    this.#count('/version');
    const v = this.options.version ?? {
      gitVersion: 'v1.35.2',
      major: '1',
      minor: '35',
    };
    if (v instanceof KubeApiError) throw v;
    return v;
  }

  async getDiscovery(): Promise<ApiDiscovery> {
    return this.options.discovery;
  }

  async *listPages(
    path: string,
    _options?: ListOptions,
  ): AsyncGenerator<KubeObject[]> {
    this.#count(path);
    yield this.options.objects?.[path] ?? [];
  }

  async get<T>(path: string): Promise<T | undefined> {
    this.#count(path);
    return undefined;
  }

  async getText(path: string): Promise<string | undefined> {
    this.#count(path);
    return undefined;
  }

  async create<T>(
    path: string,
    body: object,
    options?: { dryRun?: boolean },
  ): Promise<T> {
    this.#count(path);
    this.created.push({ path, body, dryRun: options?.dryRun });
    this.options.onCreate?.(path, body);
    return body as T;
  }

  async delete(path: string): Promise<void> {
    this.#count(path);
    this.deleted.push(path);
  }

  async close(): Promise<void> {}
}

export const forbidden = (path: string) =>
  new KubeApiError({
    status: 403,
    kind: 'forbidden',
    path,
    message: `Forbidden (403): the identity may not read ${path}.`,
  });
