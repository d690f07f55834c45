import { KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { ClusterCredentials } from '../config/readAiConformanceConfig';

/**
 * Thrown when credentials in config cannot be turned into a KubeConfig; the message says what
 * to fix and never contains a secret.
 *
 * @internal
 */
export class CredentialsError extends Error {
  name = 'CredentialsError';
}

/** @internal */
export interface BuiltKubeConfig {
  kubeConfig: KubeConfig;
  /** The API server the KubeConfig points at. */
  server: string;
  /** Secret values, to scrub from error messages. */
  secrets: string[];
}

function readFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CredentialsError(`cannot read ${what} "${path}" (${code})`);
  }
}

function fromKubeconfigFile(
  cluster: string,
  credentials: Extract<ClusterCredentials, { type: 'kubeconfig' }>,
  overrides: { caData?: string; caFile?: string; skipTLSVerify: boolean },
): BuiltKubeConfig {
  const file = new KubeConfig();
  try {
    file.loadFromString(readFile(credentials.path, 'kubeconfig'));
  } catch (error) {
    if (error instanceof CredentialsError) {
      throw error;
    }
    throw new CredentialsError(
      `kubeconfig "${credentials.path}" is not a valid kubeconfig file`,
    );
  }
  const contextName = credentials.context ?? file.getCurrentContext();
  const context = file.getContextObject(contextName);
  if (!context) {
    const available = file.getContexts().map(c => c.name);
    throw new CredentialsError(
      `kubeconfig "${
        credentials.path
      }" has no context "${contextName}" (available: ${
        available.join(', ') || 'none'
      }); set aiConformance.clusters[${cluster}].kubeconfig.context`,
    );
  }
  const fileCluster = file.getCluster(context.cluster);
  const fileUser = file.getUser(context.user);
  if (!fileCluster || !fileUser) {
    throw new CredentialsError(
      `context "${contextName}" of kubeconfig "${credentials.path}" refers to a missing cluster or user`,
    );
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        ...fileCluster,
        name: cluster,
        ...(overrides.caData || overrides.caFile
          ? { caData: overrides.caData, caFile: overrides.caFile }
          : {}),
        skipTLSVerify: overrides.skipTLSVerify || fileCluster.skipTLSVerify,
      },
    ],
    users: [{ ...fileUser, name: cluster }],
    contexts: [{ name: cluster, cluster, user: cluster }],
    currentContext: cluster,
  });
  return {
    kubeConfig,
    server: fileCluster.server,
    secrets: [fileUser.token, fileUser.keyData, fileUser.password].filter(
      (s): s is string => Boolean(s),
    ),
  };
}

/**
 * Builds a KubeConfig whose current context is the cluster, from an API server URL and
 * credentials from config. A kubeconfig file brings its own server.
 *
 * @internal
 */
export function buildKubeConfig(options: {
  cluster: string;
  server?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  credentials: ClusterCredentials;
}): BuiltKubeConfig {
  const { cluster, credentials } = options;
  if (credentials.type === 'kubeconfig') {
    return fromKubeconfigFile(cluster, credentials, options);
  }
  if (!options.server) {
    throw new CredentialsError(
      `no API server URL for cluster "${cluster}"; set aiConformance.clusters[${cluster}].url`,
    );
  }

  let user: Record<string, string | undefined>;
  switch (credentials.type) {
    case 'serviceAccountToken':
      user = { token: credentials.token };
      break;
    case 'serviceAccountTokenFile':
      user = {
        token: readFile(credentials.path, 'serviceAccountTokenFile'),
      };
      break;
    case 'clientCertificate':
      user = {
        certData: credentials.certData,
        keyData: credentials.keyData,
        certFile: credentials.certFile,
        keyFile: credentials.keyFile,
      };
      break;
    default:
      throw new CredentialsError(`unsupported credentials for "${cluster}"`);
  }

  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster,
        server: options.server,
        caData: options.caData,
        caFile: options.caFile,
        skipTLSVerify: options.skipTLSVerify,
      },
    ],
    users: [{ name: cluster, ...user }],
    contexts: [{ name: cluster, cluster, user: cluster }],
    currentContext: cluster,
  });
  return {
    kubeConfig,
    server: options.server,
    secrets: [user.token, user.keyData].filter((s): s is string => Boolean(s)),
  };
}
