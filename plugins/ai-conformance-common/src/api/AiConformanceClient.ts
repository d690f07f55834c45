import { ResponseError } from '@backstage/errors';
import type {
  ClusterHistory,
  ClusterScorecard,
  ClusterSummary,
  FleetSummary,
  RequirementAcrossFleet,
} from '../types';
import type { FleetMatrix, FleetTrends } from '../fleetViewTypes';
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
  ExportProductYamlOptions,
  GetClusterHistoryOptions,
  GetFleetMatrixOptions,
  GetFleetTrendsOptions,
  RunEvaluationOptions,
  RunEvaluationResponse,
} from './AiConformanceApi';
import {
  DefaultApiClient,
  type TypedResponse,
} from '../schema/openapi/generated';

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

/**
 * The spec describes a capacity snapshot's per-resource and per-model rows as open objects
 * (their shape belongs to the capacity model in `../capacity`), so the generated types are looser
 * than the model's: the response is typed as the model.
 */
function looseCapacity<T>(
  response: Promise<TypedResponse<unknown>>,
): Promise<TypedResponse<T>> {
  return response as Promise<TypedResponse<T>>;
}

/**
 * HTTP client for the AI conformance backend, built on the client generated from the backend's
 * `openapi.yaml` (`src/schema/openapi/generated`, `yarn generate:api`). Non-OK responses reject
 * with a `ResponseError` from `@backstage/errors`, which carries the status code and the
 * server's message.
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
    return this.#json(options, api => api.getFleet({}));
  }

  async getClusterByEntity(
    entityRef: { kind: string; namespace: string; name: string },
    options?: AiConformanceRequestOptions,
  ): Promise<ClusterSummary> {
    const { kind, namespace, name } = entityRef;
    return this.#json(options, api =>
      api.getClusterByEntity({ path: { kind, namespace, name } }),
    );
  }

  async getFleetMatrix(
    options?: GetFleetMatrixOptions & AiConformanceRequestOptions,
  ): Promise<FleetMatrix> {
    return this.#json(options, api =>
      api.getFleetMatrix({
        query: { checklistVersion: options?.checklistVersion },
      }),
    );
  }

  async getFleetTrends(
    options?: GetFleetTrendsOptions & AiConformanceRequestOptions,
  ): Promise<FleetTrends> {
    return this.#json(options, api =>
      api.getFleetTrends({
        query: { since: options?.since, until: options?.until },
      }),
    );
  }

  async getScorecard(
    cluster: string,
    options?: AiConformanceRequestOptions,
  ): Promise<ClusterScorecard> {
    return this.#json(options, api =>
      api.getClusterScorecard({ path: { cluster } }),
    );
  }

  async getClusterHistory(
    cluster: string,
    options?: GetClusterHistoryOptions & AiConformanceRequestOptions,
  ): Promise<ClusterHistory> {
    return this.#json(options, api =>
      api.getClusterHistory({
        path: { cluster },
        query: { limit: options?.limit },
      }),
    );
  }

  async getRequirementAcrossFleet(
    requirementId: string,
    options?: AiConformanceRequestOptions,
  ): Promise<RequirementAcrossFleet> {
    return this.#json(options, api =>
      api.getRequirementAcrossFleet({ path: { id: requirementId } }),
    );
  }

  async runEvaluation(
    cluster: string,
    options?: RunEvaluationOptions,
  ): Promise<RunEvaluationResponse> {
    return this.#json(undefined, api =>
      api.createEvaluation({
        path: { cluster },
        body:
          options?.activeProbes === undefined
            ? {}
            : { activeProbes: options.activeProbes },
      }),
    );
  }

  async exportJUnit(
    cluster: string,
    options?: AiConformanceRequestOptions,
  ): Promise<string> {
    return this.#text(options, api =>
      api.exportClusterJUnit({ path: { cluster } }),
    );
  }

  async exportCsv(options?: AiConformanceRequestOptions): Promise<string> {
    return this.#text(options, api => api.exportFleetCsv({}));
  }

  async exportProductYaml(
    cluster: string,
    options?: ExportProductYamlOptions,
  ): Promise<string> {
    return this.#text(undefined, api =>
      api.exportClusterProductYaml({
        path: { cluster },
        body: { template: options?.template, metadata: options?.metadata },
      }),
    );
  }

  async getClusterCapacity(
    cluster: string,
    options?: AiConformanceRequestOptions,
  ): Promise<ClusterCapacity> {
    return this.#json(options, api =>
      looseCapacity<ClusterCapacity>(
        api.getClusterCapacity({ path: { cluster } }),
      ),
    );
  }

  async getClusterCapacityHistory(
    cluster: string,
    options?: GetClusterHistoryOptions & AiConformanceRequestOptions,
  ): Promise<CapacityHistory> {
    return this.#json(options, api =>
      looseCapacity<CapacityHistory>(
        api.getClusterCapacityHistory({
          path: { cluster },
          query: { limit: options?.limit },
        }),
      ),
    );
  }

  async getFleetCapacity(
    options?: AiConformanceRequestOptions,
  ): Promise<FleetCapacity> {
    return this.#json(options, api =>
      looseCapacity<FleetCapacity>(api.getFleetCapacity({})),
    );
  }

  async searchCapacity(
    query: CapacityQuery,
    options?: AiConformanceRequestOptions,
  ): Promise<CapacitySearchResult> {
    return this.#json(options, api =>
      api.searchCapacity({
        query: {
          model: query.model,
          count: query.count,
          resource: query.resource || undefined,
        },
      }),
    );
  }

  /**
   * Calls the generated client. It takes no abort signal, so each call gets a generated client
   * whose fetch carries the caller's signal.
   */
  async #call<T>(
    options: AiConformanceRequestOptions | undefined,
    request: (api: DefaultApiClient) => Promise<TypedResponse<T>>,
  ): Promise<TypedResponse<T>> {
    const signal = options?.signal;
    const api = new DefaultApiClient({
      discoveryApi: this.#discoveryApi,
      fetchApi: {
        fetch: (input, init) =>
          this.#fetchApi.fetch(input, signal ? { ...init, signal } : init),
      },
    });
    const response = await request(api);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response as Response);
    }
    return response;
  }

  async #json<T>(
    options: AiConformanceRequestOptions | undefined,
    request: (api: DefaultApiClient) => Promise<TypedResponse<T>>,
  ): Promise<T> {
    return (await this.#call(options, request)).json();
  }

  async #text(
    options: AiConformanceRequestOptions | undefined,
    request: (api: DefaultApiClient) => Promise<TypedResponse<string>>,
  ): Promise<string> {
    return (await this.#call(options, request)).text();
  }
}
