import type { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import { normalizeApiServerUrl } from '../../clusters/normalizeApiServerUrl';
import type { ClusterPlan, RegisteredCluster } from '../../clusters/types';
import { redactSecrets } from '../../cluster/serverText';
import { urlCredentialSecrets } from './credentialSecrets';
import { AiConformanceCredentialProvider, CredentialsError } from './types';

/**
 * A live way to one cluster. `kubeConfig` holds secrets: never log it or send it anywhere but the
 * cluster; use `redact` on any message that may quote them.
 *
 * @public
 */
export interface ClusterConnection {
  cluster: RegisteredCluster;
  /** Its current context is the cluster. */
  kubeConfig: KubeConfig;
  /** The API server contacted. */
  server: string;
  /** Removes this connection's secret values from a text. */
  redact(text: string): string;
}

/** The URL, host and host name of a server, as messages may quote it. */
function privateServerNames(server: string): string[] {
  try {
    const url = new URL(server);
    return [server.replace(/\/+$/, ''), url.host, url.hostname];
  } catch {
    return [server];
  }
}

/**
 * Turns a plan that is not refused into a connection: asks the credential provider, checks a
 * provider-supplied server against the allowed URLs, and builds the KubeConfig. A CA from config
 * replaces the provider's; nothing from the catalog ever does.
 *
 * @internal
 */
export async function connectCluster(
  plan: ClusterPlan,
  providers: ReadonlyMap<string, AiConformanceCredentialProvider>,
): Promise<ClusterConnection> {
  const { cluster, connection } = plan;
  if (!connection) {
    throw new CredentialsError(
      `cluster ${cluster.id} is refused: ${cluster.refusal}`,
    );
  }
  const provider = providers.get(connection.authProvider);
  if (!provider) {
    throw new CredentialsError(
      `no credential provider for authProvider "${connection.authProvider}" of cluster ${cluster.id}; install a backend module that adds it`,
    );
  }
  const credential = await provider.getCredential({
    cluster,
    config: connection.authConfig as Config | undefined,
    authMetadata: connection.authMetadata,
  });
  const server = credential.cluster?.server ?? connection.server;
  if (!server) {
    throw new CredentialsError(
      `no API server URL for cluster ${cluster.id}; set url in its config entry`,
    );
  }
  if (
    credential.cluster &&
    connection.allowedServers.length > 0 &&
    !connection.allowedServers.includes(normalizeApiServerUrl(server) ?? '')
  ) {
    throw new CredentialsError(
      `the kubeconfig context of cluster ${cluster.id} points at an API server other than the one announced for it; fix the server of that context in the kubeconfig file, or the announced URL (catalog annotation or config url)`,
      {
        detail: redactSecrets(
          `the kubeconfig context points at ${server}; announced: ${cluster.url}`,
        ),
      },
    );
  }
  // Known before any request: the provider's values and credentials inside the server URL, and
  // a server that only a kubeconfig names (no catalog or config URL announces it): users who
  // may read the scorecard must not learn it from an error message.
  const secrets = [
    ...credential.secrets,
    ...urlCredentialSecrets(server),
    ...(credential.cluster && !cluster.url ? privateServerNames(server) : []),
  ];
  const configCa = connection.caData || connection.caFile;
  const kubeConfig = new KubeConfig();
  const name = 'cluster';
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name,
        server,
        caData: configCa ? connection.caData : credential.cluster?.caData,
        caFile: configCa ? connection.caFile : credential.cluster?.caFile,
        tlsServerName: credential.cluster?.tlsServerName,
        skipTLSVerify: Boolean(
          connection.skipTLSVerify || credential.cluster?.skipTLSVerify,
        ),
      },
    ],
    users: [{ name, ...credential.user }],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return {
    cluster,
    kubeConfig,
    server,
    redact: text => redactSecrets(text, secrets),
  };
}
