import { ResponseError } from '@backstage/errors';
import type { FleetSummary, RequirementAcrossFleet } from '../types';
import type {
  CapacityHistory,
  CapacityQuery,
  CapacitySearchResult,
  ClusterCapacity,
  FleetCapacity,
} from '../capacity';
import type {
  AiConformanceApi,
  AiConformanceRequestOptions,
  ClusterHistory,
  ClusterScorecard,
  ExportProductYamlOptions,
  GetClusterHistoryOptions,
  RunEvaluationOptions,
  RunEvaluationResponse,
} from './AiConformanceApi';

/**
 * The part of Backstage's `DiscoveryApi` the client needs. Structural, so this package stays free
 * of frontend and backend dependencies.
 *
 * @public
 */
export interface AiConformanceDiscoveryApi {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * The part of Backstage's `FetchApi` the client needs. In the browser this is the app's fetch,
 * which adds the user's Backstage token; credentials for clusters never pass through it.
 *
 * @public
 */
export interface AiConformanceFetchApi {
  fetch: typeof fetch;
}

/** @public */
export interface AiConformanceClientOptions {
  discoveryApi: AiConformanceDiscoveryApi;
  fetchApi: AiConformanceFetchApi;
}

const PLUGIN_ID = 'ai-conformance';

/**
 * HTTP client for the AI conformance backend. Non-OK responses reject with a `ResponseError` from
 * `@backstage/errors`, which carries the status code and the server's message.
 *
 * @public
 */
export class AiConformanceClient implements AiConformanceApi {
  readonly #discoveryApi: AiConformanceDiscoveryApi;
  readonly #fetchApi: AiConformanceFetchApi;

  constructor(options: AiConformanceClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getFleet(options?: AiConformanceRequestOptions): Promise<FleetSummary> {
    return this.#json<FleetSummary>('/fleet', { signal: options?.signal });
  }

  async getScorecard(
    cluster: string,
    options?: AiConformanceRequestOptions,
  ): Promise<ClusterScorecard> {
    return this.#json<ClusterScorecard>(
      `/clusters/${encodeURIComponent(cluster)}/scorecard`,
      { signal: options?.signal },
    );
  }

  async getClusterHistory(
    cluster: string,
    options?: GetClusterHistoryOptions & AiConformanceRequestOptions,
  ): Promise<ClusterHistory> {
    const query =
      options?.limit !== undefined
        ? `?${new URLSearchParams({ limit: String(options.limit) })}`
        : '';
    return this.#json<ClusterHistory>(
      `/clusters/${encodeURIComponent(cluster)}/history${query}`,
      { signal: options?.signal },
    );
  }

  async getRequirementAcrossFleet(
    requirementId: string,
    options?: AiConformanceRequestOptions,
  ): Promise<RequirementAcrossFleet> {
    return this.#json<RequirementAcrossFleet>(
      `/requirements/${encodeURIComponent(requirementId)}`,
      { signal: options?.signal },
    );
  }

  async runEvaluation(
    cluster: string,
    options?: RunEvaluationOptions,
  ): Promise<RunEvaluationResponse> {
    const body: RunEvaluationOptions = {};
    if (options?.activeProbes !== undefined) {
      body.activeProbes = options.activeProbes;
    }
    return this.#json<RunEvaluationResponse>(
      `/clusters/${encodeURIComponent(cluster)}/evaluations`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
  }

  async exportJUnit(
    cluster: string,
    options?: AiConformanceRequestOptions,
  ): Promise<string> {
    return this.#text(`/clusters/${encodeURIComponent(cluster)}/export/junit`, {
      signal: options?.signal,
      headers: { Accept: 'application/xml' },
    });
  }

  async exportCsv(options?: AiConformanceRequestOptions): Promise<string> {
    return this.#text('/export/csv', {
      signal: options?.signal,
      headers: { Accept: 'text/csv' },
    });
  }

  async exportProductYaml(
    cluster: string,
    options?: ExportProductYamlOptions,
  ): Promise<string> {
    const body: ExportProductYamlOptions = {};
    if (options?.template !== undefined) body.template = options.template;
    if (options?.metadata !== undefined) body.metadata = options.metadata;
    return this.#text(
      `/clusters/${encodeURIComponent(cluster)}/export/product-yaml`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/yaml' },
        body: JSON.stringify(body),
      },
    );
  }

  async getClusterCapacity(
    cluster: string,
    options?: AiConformanceRequestOptions,
  ): Promise<ClusterCapacity> {
    return this.#json<ClusterCapacity>(
      `/clusters/${encodeURIComponent(cluster)}/capacity`,
      { signal: options?.signal },
    );
  }

  async getClusterCapacityHistory(
    cluster: string,
    options?: GetClusterHistoryOptions & AiConformanceRequestOptions,
  ): Promise<CapacityHistory> {
    const query =
      options?.limit !== undefined
        ? `?${new URLSearchParams({ limit: String(options.limit) })}`
        : '';
    return this.#json<CapacityHistory>(
      `/clusters/${encodeURIComponent(cluster)}/capacity/history${query}`,
      { signal: options?.signal },
    );
  }

  async getFleetCapacity(
    options?: AiConformanceRequestOptions,
  ): Promise<FleetCapacity> {
    return this.#json<FleetCapacity>('/capacity', { signal: options?.signal });
  }

  async searchCapacity(
    query: CapacityQuery,
    options?: AiConformanceRequestOptions,
  ): Promise<CapacitySearchResult> {
    const params = new URLSearchParams({
      model: query.model,
      count: String(query.count),
    });
    if (query.resource) params.set('resource', query.resource);
    return this.#json<CapacitySearchResult>(`/capacity/search?${params}`, {
      signal: options?.signal,
    });
  }

  async #fetch(path: string, init: RequestInit): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl(PLUGIN_ID);
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  async #json<T>(path: string, init: RequestInit): Promise<T> {
    const response = await this.#fetch(path, init);
    return (await response.json()) as T;
  }

  async #text(path: string, init: RequestInit): Promise<string> {
    const response = await this.#fetch(path, init);
    return response.text();
  }
}
