import type { Config } from '@backstage/config';
import { KubeConfig, User } from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { kubeconfigUserSecrets } from './credentialSecrets';
import {
  AiConformanceCredentialProvider,
  ClusterCredential,
  CredentialRequest,
  CredentialsError,
} from './types';

/**
 * Reads a file named in config. The error tells users which config key to check (`what`) and
 * keeps the path itself for the log.
 */
async function readSecretFile(
  path: string,
  what: string,
  clusterId: string,
): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CredentialsError(
      `cannot read the ${what} of cluster ${clusterId} (${code}); check the file that ${what} names in its config entry, and that the backend may read it`,
      { detail: `${what} "${path}"` },
    );
  }
}

function requireConfig(request: CredentialRequest, provider: string): Config {
  if (!request.config) {
    throw new CredentialsError(
      `cluster ${request.cluster.id} uses authProvider ${provider}, but its config entry holds no credential`,
    );
  }
  return request.config;
}

/**
 * `serviceAccount`: a bearer token from `serviceAccountToken`, or from `serviceAccountTokenFile`
 * (re-read at every connection, for projected tokens).
 *
 * @public
 */
export const serviceAccountCredentialProvider: AiConformanceCredentialProvider =
  {
    async getCredential(request) {
      const config = requireConfig(request, 'serviceAccount');
      const token =
        config.getOptionalString('serviceAccountToken') ??
        (config.has('serviceAccountTokenFile')
          ? await readSecretFile(
              config.getString('serviceAccountTokenFile'),
              'serviceAccountTokenFile',
              request.cluster.id,
            )
          : undefined);
      if (!token) {
        throw new CredentialsError(
          `cluster ${request.cluster.id} uses authProvider serviceAccount but its config sets neither serviceAccountToken nor serviceAccountTokenFile`,
        );
      }
      return { user: { token }, secrets: [token] };
    },
  };

/**
 * `clientCertificate`: a client certificate and key, as data or files.
 *
 * @public
 */
export const clientCertificateCredentialProvider: AiConformanceCredentialProvider =
  {
    async getCredential(request) {
      const cert = requireConfig(request, 'clientCertificate').getConfig(
        'clientCertificate',
      );
      const user = {
        certData: cert.getOptionalString('certData'),
        keyData: cert.getOptionalString('keyData'),
        certFile: cert.getOptionalString('certFile'),
        keyFile: cert.getOptionalString('keyFile'),
      };
      return {
        user,
        secrets: [user.keyData].filter((s): s is string => Boolean(s)),
      };
    },
  };

/**
 * The token files a kubeconfig user names: `tokenFile` (which client-node does not read, so the
 * provider reads it) and an auth provider's `tokenFile` (which client-node reads again itself).
 */
function tokenFilesOf(text: string, userName: string, authProvider: unknown) {
  let own: string | undefined;
  try {
    const raw = parseYaml(text) as {
      users?: Array<{ name?: string; user?: { tokenFile?: unknown } }>;
    };
    const file = raw?.users?.find(u => u?.name === userName)?.user?.tokenFile;
    own = typeof file === 'string' && file ? file : undefined;
  } catch {
    own = undefined;
  }
  const providerFile = (authProvider as { config?: { tokenFile?: unknown } })
    ?.config?.tokenFile;
  return {
    own,
    provider:
      typeof providerFile === 'string' && providerFile
        ? providerFile
        : undefined,
  };
}

/**
 * `kubeconfig`: a context of a kubeconfig file, which brings its own API server, CA and user
 * (token, token file, client certificate, exec plugin or auth provider such as OIDC). Messages
 * name the config keys to fix; the file's path, its context names and servers go to `detail`
 * (the log), since users who may read a scorecard must not learn them.
 *
 * @public
 */
export const kubeconfigCredentialProvider: AiConformanceCredentialProvider = {
  async getCredential(request): Promise<ClusterCredential> {
    const config = requireConfig(request, 'kubeconfig').getConfig('kubeconfig');
    const id = request.cluster.id;
    const path = config.getString('path');
    const file = new KubeConfig();
    const text = await readSecretFile(path, 'kubeconfig.path', id);
    try {
      file.loadFromString(text);
    } catch {
      throw new CredentialsError(
        `the kubeconfig of cluster ${id} is not a valid kubeconfig file; check the file that kubeconfig.path names in its config entry`,
        { detail: `kubeconfig "${path}"` },
      );
    }
    const configured = config.getOptionalString('context');
    const contextName = configured ?? file.getCurrentContext();
    const context = file.getContextObject(contextName);
    if (!context) {
      const available = file.getContexts().map(c => c.name);
      throw new CredentialsError(
        `the kubeconfig of cluster ${id} has no context ${
          configured
            ? 'named by kubeconfig.context'
            : 'selected (no current-context)'
        }; set kubeconfig.context of its config entry to one of the file's contexts (the backend log lists them)`,
        {
          detail: `kubeconfig "${path}" has no context "${contextName}" (available: ${
            available.join(', ') || 'none'
          })`,
        },
      );
    }
    const fileCluster = file.getCluster(context.cluster);
    const fileUser = file.getUser(context.user);
    if (!fileCluster || !fileUser) {
      throw new CredentialsError(
        `the kubeconfig context of cluster ${id} refers to a cluster or user that the file does not define; fix the kubeconfig file that kubeconfig.path names`,
        {
          detail: `context "${contextName}" of kubeconfig "${path}" refers to a missing cluster or user`,
        },
      );
    }
    const tokenFiles = tokenFilesOf(text, fileUser.name, fileUser.authProvider);
    const fileToken = tokenFiles.own
      ? await readSecretFile(
          tokenFiles.own,
          'tokenFile of the kubeconfig user',
          id,
        )
      : undefined;
    const providerToken = tokenFiles.provider
      ? await readSecretFile(
          tokenFiles.provider,
          'auth-provider tokenFile of the kubeconfig user',
          id,
        )
      : undefined;
    const user: ClusterCredential['user'] = {
      token: fileUser.token ?? fileToken,
      certData: fileUser.certData,
      keyData: fileUser.keyData,
      certFile: fileUser.certFile,
      keyFile: fileUser.keyFile,
      exec: fileUser.exec,
      authProvider: fileUser.authProvider,
    };
    return {
      user,
      cluster: {
        server: fileCluster.server,
        caData: fileCluster.caData,
        caFile: fileCluster.caFile,
        skipTLSVerify: fileCluster.skipTLSVerify,
        tlsServerName: fileCluster.tlsServerName,
      },
      secrets: kubeconfigUserSecrets(
        fileUser as User,
        [fileToken, providerToken].filter((t): t is string => Boolean(t)),
      ),
    };
  },
};

/**
 * The providers every registry has, by `authProvider`.
 *
 * @public
 */
export const BUILT_IN_CREDENTIAL_PROVIDERS: Readonly<
  Record<string, AiConformanceCredentialProvider>
> = {
  serviceAccount: serviceAccountCredentialProvider,
  clientCertificate: clientCertificateCredentialProvider,
  kubeconfig: kubeconfigCredentialProvider,
};
