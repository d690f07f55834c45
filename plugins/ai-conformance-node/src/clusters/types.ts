/**
 * A cluster as a source announces it: a catalog entity or a config entry. It never holds a
 * credential; `authConfig` is where the credential layer may look for one (config sources only).
 *
 * @public
 */
export interface ClusterTarget {
  /** The display name: entity name or config cluster name. */
  name: string;
  source: 'catalog' | 'config';
  /** Set by catalog sources: the entity's ref. The cluster's identity derives from it. */
  entityRef?: string;
  /** Owner entity ref (`spec.owner` of the catalog entity), lower-case. */
  owner?: string;
  /** The API server URL the source announces. */
  url?: string;
  /** Base64-encoded PEM CA bundle the source announces. Catalog CAs count only where config allows. */
  caData?: string;
  /** Config sources only. */
  caFile?: string;
  /** Config sources only. */
  skipTLSVerify?: boolean;
  checklistVersion?: string;
  /** Config sources only: the Kubernetes plugin's `authProvider` of the cluster, e.g. `serviceAccount`. */
  authProvider?: string;
  /** Config sources only: non-secret parameters for the credential provider. */
  authMetadata?: Record<string, string>;
  /**
   * Config sources only: an opaque handle (a config block) where the credential provider finds
   * the secret. Nothing but the credential layer reads it.
   */
  authConfig?: unknown;
  /** Set when the source's data is unusable (malformed annotation): what to fix. */
  problem?: string;
  /** The `ai-conformance.io/provider` annotation as written (catalog only). */
  providerAnnotation?: string;
  /** `spec.lifecycle` of the catalog entity. */
  lifecycle?: string;
}

/**
 * One entry of `aiConformance.clusters`: binds credentials and settings to a cluster by its
 * entity ref or by its exact API server URL, never by a bare name. Holds no secret.
 *
 * @public
 */
export interface ClusterBinding {
  /** Where the entry is, for messages: `aiConformance.clusters[2]`. */
  key: string;
  /** Binds a catalog entity (lower-cased full ref). */
  entityRef?: string;
  /**
   * The name of a config-only cluster (identity `config:<name>`); with `url` or a kubeconfig the
   * entry is a cluster of its own unless a `kubernetes.clusterLocatorMethods` cluster has its URL.
   */
  name?: string;
  url?: string;
  allowedUrls: string[];
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  /** Use the catalog entity's CA annotation when config gives no CA. Default false. */
  trustCatalogCA: boolean;
  /** The credential provider (`serviceAccount`, `clientCertificate`, `kubeconfig` or one added by a module). */
  authProvider?: string;
  authMetadata: Record<string, string>;
  /** Opaque handle (the config block) where the credential provider finds the secret. */
  authConfig?: unknown;
  activeProbes: boolean;
  checklistVersion?: string;
}

/**
 * A cluster the registry knows, including refused ones. Holds no secret; safe to log and to
 * return from an API.
 *
 * @public
 */
export interface RegisteredCluster {
  /** The identity: the lower-cased entity ref, or `config:<name>`. Runs and history are keyed by it. */
  id: string;
  name: string;
  source: 'catalog' | 'config';
  entityRef?: string;
  owner?: string;
  /** The API server URL the backend contacts (or would contact). */
  url?: string;
  /**
   * Set when the backend will not contact the cluster: why, and what to change in config. Shown
   * to every user who may read the cluster: it names config keys and entity refs, never a URL
   * or a file path (those are in the plan's `refusalDetail`, for the log).
   */
  refusal?: string;
  activeProbes: boolean;
  checklistVersion?: string;
  /** The catalog's `ai-conformance.io/provider` annotation as written (validated when read). */
  providerAnnotation?: string;
  /** `spec.lifecycle` of the catalog entity. */
  lifecycle?: string;
}

/**
 * How to reach a cluster that is not refused, as config decided it. The credential layer turns
 * it into a KubeConfig.
 *
 * @public
 */
export interface PlannedConnection {
  /** The server to contact; absent when the credential provider brings its own (kubeconfig). */
  server?: string;
  /**
   * Normalised URLs a provider-supplied server must be one of (empty: any). Keeps a kubeconfig
   * from pointing somewhere other than the announced, allowed URL.
   */
  allowedServers: string[];
  /** CA from config (or, where config allows it, from the catalog). Overrides a kubeconfig's CA. */
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  authProvider: string;
  authMetadata: Record<string, string>;
  authConfig?: unknown;
}

/**
 * What the registry will do with one cluster.
 *
 * @public
 */
export interface ClusterPlan {
  cluster: RegisteredCluster;
  /** Absent when refused. */
  connection?: PlannedConnection;
  /**
   * For the operator's log only, never an API response: the refusal's specifics (the URLs
   * concerned, credentials inside them removed).
   */
  refusalDetail?: string;
}
