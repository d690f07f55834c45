import { KubeConfig } from '@kubernetes/client-node';

/**
 * A cluster as a source announces it: catalog entity or config entry. Nothing in it is a
 * credential, except `serviceAccountToken`, which only config sources set.
 *
 * @internal
 */
export interface ClusterTarget {
  name: string;
  source: 'catalog' | 'config';
  entityRef?: string;
  /** Owner entity ref (`spec.owner` of the catalog entity). */
  owner?: string;
  /** The API server URL the source announces. */
  url?: string;
  /** Base64-encoded PEM CA bundle the source announces. */
  caData?: string;
  caFile?: string;
  /** Only config sources may set this. */
  skipTLSVerify?: boolean;
  checklistVersion?: string;
  /** The Kubernetes plugin's auth provider of a config cluster, e.g. `serviceAccount`. */
  authProvider?: string;
  /** A token from `kubernetes.clusterLocatorMethods` config (never from the catalog). */
  serviceAccountToken?: string;
  /** Set when the source's data is unusable (malformed annotation): what to fix. */
  problem?: string;
  /** The `ai-conformance.io/provider` annotation as written (catalog only). */
  providerAnnotation?: string;
  /** `spec.lifecycle` of the catalog entity. */
  lifecycle?: string;
}

/**
 * What the backend will do with one cluster: contact it with `kubeConfig`, or refuse.
 *
 * @internal
 */
export interface ClusterPlan {
  target: ClusterTarget;
  /** Absent when refused. The current context is the cluster. Holds secrets: never log it. */
  kubeConfig?: KubeConfig;
  /** Why the backend will not contact the cluster and what to add to config. */
  refusal?: string;
  activeProbes: boolean;
  checklistVersion?: string;
  /** Secret values in `kubeConfig`, to scrub from error messages. */
  secrets: string[];
}

/**
 * Announces clusters.
 *
 * @internal
 */
export interface ClusterSource {
  getClusters(): Promise<ClusterTarget[]>;
}
