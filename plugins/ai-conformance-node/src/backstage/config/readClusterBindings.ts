import type { Config } from '@backstage/config';
import { catalogClusterId } from '@internal/plugin-ai-conformance-common';
import type { ClusterBinding } from '../../clusters/types';

const CHECKLIST_VERSION = /^\d+\.\d+$/;

/** The built-in credential keys of an entry and the provider each selects. */
const CREDENTIAL_KEYS: Array<[key: string, authProvider: string]> = [
  ['serviceAccountToken', 'serviceAccount'],
  ['serviceAccountTokenFile', 'serviceAccount'],
  ['clientCertificate', 'clientCertificate'],
  ['kubeconfig', 'kubeconfig'],
];

function readAuthProvider(c: Config, where: string): string | undefined {
  const present = CREDENTIAL_KEYS.filter(([key]) => c.has(key));
  if (present.length > 1) {
    throw new Error(
      `${where} has ${present
        .map(([key]) => key)
        .join(
          ' and ',
        )}; set only one of serviceAccountToken, serviceAccountTokenFile, clientCertificate, kubeconfig`,
    );
  }
  if (c.has('clientCertificate')) {
    const cert = c.getConfig('clientCertificate');
    if (
      !(cert.has('certData') || cert.has('certFile')) ||
      !(cert.has('keyData') || cert.has('keyFile'))
    ) {
      throw new Error(
        `${where}.clientCertificate needs a certificate (certData or certFile) and a key (keyData or keyFile)`,
      );
    }
  }
  if (c.has('kubeconfig')) {
    c.getString('kubeconfig.path');
  }
  const implied = present[0]?.[1];
  const explicit = c.getOptionalString('authProvider');
  if (explicit && implied && explicit !== implied) {
    throw new Error(
      `${where}.authProvider is ${explicit}, but ${present[0][0]} belongs to ${implied}; remove one`,
    );
  }
  return explicit ?? implied;
}

function readEntityRef(c: Config, where: string): string | undefined {
  const ref = c.getOptionalString('entityRef');
  if (ref === undefined) {
    return undefined;
  }
  try {
    return catalogClusterId(ref);
  } catch {
    throw new Error(
      `${where}.entityRef "${ref}" is not an entity ref such as resource:default/gpu-prod`,
    );
  }
}

function readBinding(c: Config, index: number): ClusterBinding {
  const name = c.getOptionalString('name');
  const key = `aiConformance.clusters[${index}]`;
  const where = `${key}${name ? ` (${name})` : ''}`;
  const entityRef = readEntityRef(c, where);
  if (name && /[:/]/.test(name)) {
    throw new Error(
      `${where}.name "${name}" looks like an entity ref; bind catalog clusters with entityRef: ${name}`,
    );
  }
  const checklistVersion = c.getOptionalString('checklistVersion');
  if (checklistVersion && !CHECKLIST_VERSION.test(checklistVersion)) {
    throw new Error(
      `${where}.checklistVersion "${checklistVersion}" is not a checklist version such as 1.35`,
    );
  }
  const authProvider = readAuthProvider(c, where);
  const url = c.getOptionalString('url');
  if (!entityRef && !url && authProvider !== 'kubeconfig') {
    throw new Error(
      `${where} binds nothing: credentials are bound to an entityRef (a catalog cluster) or to an exact API server url, never to a bare name. Add entityRef: resource:<namespace>/<name> or url`,
    );
  }
  if (entityRef && name) {
    throw new Error(
      `${where} has both entityRef and name; a catalog cluster's identity is its entity ref, remove name`,
    );
  }
  return {
    key,
    entityRef,
    name,
    url,
    allowedUrls: c.getOptionalStringArray('allowedUrls') ?? [],
    caData: c.getOptionalString('caData'),
    caFile: c.getOptionalString('caFile'),
    skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
    trustCatalogCA: c.getOptionalBoolean('trustCatalogCA') ?? false,
    authProvider,
    authMetadata: c.getOptional<Record<string, string>>('authMetadata') ?? {},
    authConfig: authProvider ? c : undefined,
    activeProbes: c.getOptionalBoolean('activeProbes') ?? false,
    checklistVersion,
  };
}

/**
 * Reads `aiConformance.clusters`: credential bindings by entity ref or exact API server URL.
 * Mistakes fail startup with a message naming the key; secrets are not read here.
 *
 * @public
 */
export function readClusterBindings(root: Config): ClusterBinding[] {
  const bindings = (
    root.getOptionalConfigArray('aiConformance.clusters') ?? []
  ).map(readBinding);
  const seen = new Map<string, string>();
  for (const b of bindings) {
    for (const id of [
      b.entityRef,
      b.name !== undefined ? `name ${b.name}` : undefined,
    ]) {
      if (id === undefined) {
        continue;
      }
      const earlier = seen.get(id);
      if (earlier) {
        throw new Error(
          `${earlier} and ${b.key} both bind ${id}; merge the entries`,
        );
      }
      seen.set(id, b.key);
    }
  }
  return bindings;
}
