import type { Config } from '@backstage/config';
import type { RegisteredCluster } from '../../clusters/types';

/**
 * Thrown when a credential cannot be produced (missing file, malformed kubeconfig, no
 * provider). The message reaches users who may read the cluster's scorecard: it says what to fix
 * in config terms and never contains a secret, a file path or a URL from a kubeconfig. `detail`
 * (paths, context names, servers; never a secret) is for the operator's log only.
 *
 * @public
 */
export class CredentialsError extends Error {
  name = 'CredentialsError';
  readonly detail?: string;

  constructor(message: string, options?: { detail?: string }) {
    super(message);
    this.detail = options?.detail;
  }
}

/**
 * What a credential provider is asked for.
 *
 * @public
 */
export interface CredentialRequest {
  cluster: RegisteredCluster;
  /** The config block holding the secret (`aiConformance.clusters[i]` or a kubernetes locator cluster), if any. */
  config?: Config;
  /** Non-secret parameters (`authMetadata`). */
  authMetadata: Record<string, string>;
}

/**
 * The user part of a KubeConfig, and for providers that bring their own API server (a
 * kubeconfig file) the cluster part too.
 *
 * @public
 */
export interface ClusterCredential {
  user: {
    token?: string;
    certData?: string;
    keyData?: string;
    certFile?: string;
    keyFile?: string;
    /**
     * A kubeconfig `exec` credential plugin, run by the Kubernetes client for each connection
     * (kubeconfig files only; the command comes from the administrator's file, never the catalog).
     */
    exec?: object;
    /**
     * A kubeconfig `auth-provider` (OIDC, a token file, …), run by the Kubernetes client
     * (kubeconfig files only).
     */
    authProvider?: object;
  };
  cluster?: {
    server: string;
    caData?: string;
    caFile?: string;
    skipTLSVerify?: boolean;
    tlsServerName?: string;
  };
  /** Every secret value above, so that messages can be redacted. */
  secrets: string[];
}

/**
 * Produces credentials for clusters whose config names its `authProvider`, like the Kubernetes
 * backend's auth strategies. Called for every connection (tokens may rotate).
 *
 * @public
 */
export interface AiConformanceCredentialProvider {
  getCredential(request: CredentialRequest): Promise<ClusterCredential>;
}
