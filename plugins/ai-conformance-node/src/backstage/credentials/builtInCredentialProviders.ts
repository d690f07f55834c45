import type { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';
import {
  AiConformanceCredentialProvider,
  ClusterCredential,
  CredentialRequest,
  CredentialsError,
} from './types';

async function readSecretFile(path: string, what: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CredentialsError(`cannot read ${what} "${path}" (${code})`);
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
 * `kubeconfig`: a context of a kubeconfig file, which brings its own API server, CA and user.
 *
 * @public
 */
export const kubeconfigCredentialProvider: AiConformanceCredentialProvider = {
  async getCredential(request): Promise<ClusterCredential> {
    const config = requireConfig(request, 'kubeconfig').getConfig('kubeconfig');
    const path = config.getString('path');
    const file = new KubeConfig();
    const text = await readSecretFile(path, 'kubeconfig');
    try {
      file.loadFromString(text);
    } catch {
      throw new CredentialsError(
        `kubeconfig "${path}" is not a valid kubeconfig file`,
      );
    }
    const contextName =
      config.getOptionalString('context') ?? file.getCurrentContext();
    const context = file.getContextObject(contextName);
    if (!context) {
      const available = file.getContexts().map(c => c.name);
      throw new CredentialsError(
        `kubeconfig "${path}" has no context "${contextName}" (available: ${
          available.join(', ') || 'none'
        }); set kubeconfig.context of the config entry of ${
          request.cluster.id
        }`,
      );
    }
    const fileCluster = file.getCluster(context.cluster);
    const fileUser = file.getUser(context.user);
    if (!fileCluster || !fileUser) {
      throw new CredentialsError(
        `context "${contextName}" of kubeconfig "${path}" refers to a missing cluster or user`,
      );
    }
    return {
      user: {
        token: fileUser.token,
        certData: fileUser.certData,
        keyData: fileUser.keyData,
        certFile: fileUser.certFile,
        keyFile: fileUser.keyFile,
        exec: fileUser.exec,
      },
      cluster: {
        server: fileCluster.server,
        caData: fileCluster.caData,
        caFile: fileCluster.caFile,
        skipTLSVerify: fileCluster.skipTLSVerify,
        tlsServerName: fileCluster.tlsServerName,
      },
      secrets: [fileUser.token, fileUser.keyData, fileUser.password].filter(
        (s): s is string => Boolean(s),
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
