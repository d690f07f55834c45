import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { planClusters } from '../../clusters/planClusters';
import type {
  ClusterBinding,
  ClusterPlan,
  RegisteredCluster,
} from '../../clusters/types';
import { BUILT_IN_CREDENTIAL_PROVIDERS } from '../credentials/builtInCredentialProviders';
import {
  ClusterConnection,
  connectCluster,
} from '../credentials/connectCluster';
import type { AiConformanceCredentialProvider } from '../credentials/types';
import type { AiConformanceClusterSource } from '../sources/types';
import {
  AiConformanceClusterRegistry,
  ClusterRefusedError,
} from './AiConformanceClusterRegistry';

const CACHE_MS = 60_000;

/** @public */
export interface DefaultAiConformanceClusterRegistryOptions {
  sources: AiConformanceClusterSource[];
  bindings: ClusterBinding[];
  /** Added to (and overriding) the built-in providers, by `authProvider`. */
  credentialProviders?: ReadonlyMap<string, AiConformanceCredentialProvider>;
  logger: LoggerService;
  /** How long a listing is reused. Default one minute. */
  cacheMs?: number;
}

/**
 * The standard registry: asks the sources, plans identities and credentials with
 * `planClusters`, and connects through the credential providers.
 *
 * @public
 */
export class DefaultAiConformanceClusterRegistry
  implements AiConformanceClusterRegistry
{
  readonly #options: DefaultAiConformanceClusterRegistryOptions;
  readonly #providers: ReadonlyMap<string, AiConformanceCredentialProvider>;
  #plans?: { at: number; byId: Map<string, ClusterPlan> };
  #inFlight?: Promise<Map<string, ClusterPlan>>;
  /** Refusal details logged by the last plan: each is logged when it appears, not every minute. */
  #loggedRefusals = new Set<string>();

  constructor(options: DefaultAiConformanceClusterRegistryOptions) {
    this.#options = options;
    this.#providers = new Map([
      ...Object.entries(BUILT_IN_CREDENTIAL_PROVIDERS),
      ...(options.credentialProviders ?? new Map()),
    ]);
  }

  async listClusters(options?: {
    refresh?: boolean;
  }): Promise<RegisteredCluster[]> {
    const byId = await this.#getPlans(options?.refresh ?? false);
    return [...byId.values()].map(p => p.cluster);
  }

  async getCluster(id: string): Promise<RegisteredCluster | undefined> {
    return (await this.#getPlans(false)).get(id)?.cluster;
  }

  async connect(id: string): Promise<ClusterConnection> {
    const plan = (await this.#getPlans(false)).get(id);
    if (!plan) {
      throw new NotFoundError(`No cluster ${id}`);
    }
    if (plan.cluster.refusal || !plan.connection) {
      throw new ClusterRefusedError(
        plan.cluster.refusal ?? `cluster ${id} is refused`,
      );
    }
    return connectCluster(plan, this.#providers);
  }

  async #getPlans(refresh: boolean): Promise<Map<string, ClusterPlan>> {
    const cacheMs = this.#options.cacheMs ?? CACHE_MS;
    if (!refresh && this.#plans && Date.now() - this.#plans.at < cacheMs) {
      return this.#plans.byId;
    }
    this.#inFlight ??= this.#plan().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #plan(): Promise<Map<string, ClusterPlan>> {
    const { sources, bindings, logger } = this.#options;
    const targets = (
      await Promise.all(sources.map(s => s.getClusters()))
    ).flat();
    const { plans, warnings } = planClusters(targets, bindings);
    for (const warning of warnings) {
      logger.warn(warning);
    }
    this.#logRefusalDetails(plans);
    const byId = new Map(
      plans.map(plan => [plan.cluster.id, this.#withProvider(plan)]),
    );
    this.#plans = { at: Date.now(), byId };
    return byId;
  }

  /**
   * The specifics of each refusal (URLs the public message leaves out) go to the operator's log
   * when they first appear.
   */
  #logRefusalDetails(plans: ClusterPlan[]) {
    const current = new Set<string>();
    for (const { cluster, refusalDetail } of plans) {
      if (!cluster.refusal) continue;
      const line = `Cluster ${cluster.id} is refused: ${cluster.refusal}${
        refusalDetail ? ` (${refusalDetail})` : ''
      }`;
      current.add(line);
      if (!this.#loggedRefusals.has(line)) this.#options.logger.warn(line);
    }
    this.#loggedRefusals = current;
  }

  /** A cluster whose authProvider nobody implements is refused up front. */
  #withProvider(plan: ClusterPlan): ClusterPlan {
    const authProvider = plan.connection?.authProvider;
    if (!authProvider || this.#providers.has(authProvider)) {
      return plan;
    }
    return {
      cluster: {
        ...plan.cluster,
        activeProbes: false,
        refusal: `cluster ${plan.cluster.id} uses authProvider "${authProvider}", which no installed credential provider supplies; give it credentials in aiConformance.clusters (serviceAccountToken, serviceAccountTokenFile, clientCertificate, kubeconfig) or install a module that adds the provider`,
      },
    };
  }
}
