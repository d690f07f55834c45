import {
  ClusterCredentials,
  ClusterSettings,
} from '../config/readAiConformanceConfig';
import { buildKubeConfig, CredentialsError } from './buildKubeConfig';
import { normalizeApiServerUrl } from './normalizeApiServerUrl';
import { ClusterPlan, ClusterTarget } from './types';

function refuse(
  target: ClusterTarget,
  refusal: string,
  settings?: ClusterSettings,
): ClusterPlan {
  return {
    target,
    refusal,
    activeProbes: false,
    checklistVersion: settings?.checklistVersion ?? target.checklistVersion,
    secrets: [],
  };
}

function credentialsHint(name: string, url?: string): string {
  return `add to app-config: aiConformance.clusters: [{ name: ${name}${
    url ? `, url: ${url}` : ''
  }, serviceAccountToken: \${TOKEN} }] (or clientCertificate, serviceAccountTokenFile, kubeconfig)`;
}

function connect(
  target: ClusterTarget,
  settings: ClusterSettings | undefined,
  credentials: ClusterCredentials,
  allowedServers?: Set<string>,
): ClusterPlan {
  try {
    const built = buildKubeConfig({
      cluster: target.name,
      server: target.url ?? settings?.url,
      caData:
        settings?.caData ?? (settings?.caFile ? undefined : target.caData),
      caFile:
        settings?.caFile ?? (settings?.caData ? undefined : target.caFile),
      skipTLSVerify: Boolean(settings?.skipTLSVerify || target.skipTLSVerify),
      credentials,
    });
    // A kubeconfig brings its own server: it must be one the config allows too.
    if (
      allowedServers &&
      !allowedServers.has(normalizeApiServerUrl(built.server) ?? '')
    ) {
      return refuse(
        target,
        `the kubeconfig of "${target.name}" points at ${built.server}, which is not the announced API server ${target.url}; fix the kubeconfig or the entity annotation`,
        settings,
      );
    }
    return {
      target,
      kubeConfig: built.kubeConfig,
      activeProbes: settings?.activeProbes ?? false,
      checklistVersion: settings?.checklistVersion ?? target.checklistVersion,
      secrets: built.secrets,
    };
  } catch (error) {
    if (error instanceof CredentialsError) {
      return refuse(target, error.message, settings);
    }
    throw error;
  }
}

function planCatalogCluster(
  target: ClusterTarget,
  settings: ClusterSettings | undefined,
): ClusterPlan {
  if (!settings) {
    return refuse(
      target,
      `no credentials are configured for catalog cluster ${
        target.entityRef
      }; ${credentialsHint(target.name, target.url)}`,
    );
  }
  if (!settings.credentials) {
    return refuse(
      target,
      `aiConformance.clusters entry "${
        settings.name
      }" has no credentials; ${credentialsHint(settings.name)}`,
      settings,
    );
  }
  const allowed = new Set(
    [settings.url, ...settings.allowedUrls]
      .filter((u): u is string => Boolean(u))
      .map(u => normalizeApiServerUrl(u) ?? u),
  );
  const announced = normalizeApiServerUrl(target.url ?? '');
  const isKubeconfig = settings.credentials.type === 'kubeconfig';
  if (!isKubeconfig && (!announced || !allowed.has(announced))) {
    return refuse(
      target,
      `the API server URL ${target.url} of ${target.entityRef} is not allowed by config, so no credentials are sent to it; if it is right, add it to app-config as aiConformance.clusters[name=${settings.name}].url (or allowedUrls)`,
      settings,
    );
  }
  if (isKubeconfig && allowed.size > 0 && !allowed.has(announced ?? '')) {
    return refuse(
      target,
      `the API server URL ${target.url} of ${target.entityRef} is not in aiConformance.clusters[name=${settings.name}].url/allowedUrls`,
      settings,
    );
  }
  return connect(
    target,
    settings,
    settings.credentials,
    isKubeconfig ? new Set([announced ?? '']) : undefined,
  );
}

function planConfigCluster(
  target: ClusterTarget,
  settings: ClusterSettings | undefined,
): ClusterPlan {
  if (settings && (settings.url || settings.allowedUrls.length > 0)) {
    const allowed = [settings.url, ...settings.allowedUrls]
      .filter((u): u is string => Boolean(u))
      .map(u => normalizeApiServerUrl(u));
    if (!allowed.includes(normalizeApiServerUrl(target.url ?? ''))) {
      return refuse(
        target,
        `kubernetes config cluster "${target.name}" has url ${target.url}, but aiConformance.clusters[name=${settings.name}] allows other URLs; make them agree`,
        settings,
      );
    }
  }
  let credentials = settings?.credentials;
  if (!credentials && target.serviceAccountToken) {
    credentials = {
      type: 'serviceAccountToken',
      token: target.serviceAccountToken,
    };
  }
  if (!credentials) {
    const provider =
      target.authProvider && target.authProvider !== 'serviceAccount'
        ? `it uses authProvider "${target.authProvider}", which the AI conformance backend cannot use; `
        : '';
    return refuse(
      target,
      `no credentials for config cluster "${
        target.name
      }": ${provider}${credentialsHint(
        target.name,
      )}, or set serviceAccountToken in kubernetes.clusterLocatorMethods`,
      settings,
    );
  }
  return connect(target, settings, credentials);
}

/**
 * Decides, for every announced cluster, whether and how the backend contacts it. Credentials
 * are matched by name from config only; a catalog cluster is refused unless config allows its
 * API server URL, so credentials never go to a URL someone wrote into the catalog.
 *
 * Config clusters win name clashes with catalog clusters. Entries of `aiConformance.clusters`
 * that match no announced cluster but carry a `url` or a kubeconfig are clusters of their own.
 *
 * @internal
 */
export function planClusters(
  targets: ClusterTarget[],
  settingsList: ClusterSettings[],
): { plans: ClusterPlan[]; skipped: string[] } {
  const settingsByName = new Map(settingsList.map(s => [s.name, s]));
  const used = new Set<string>();
  const plans: ClusterPlan[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();

  const ordered = [
    ...targets.filter(t => t.source === 'config'),
    ...targets.filter(t => t.source === 'catalog'),
  ];
  for (const target of ordered) {
    if (seen.has(target.name)) {
      skipped.push(
        `${
          target.entityRef ?? target.name
        }: another cluster is already named "${target.name}"`,
      );
      continue;
    }
    seen.add(target.name);
    const settings =
      settingsByName.get(target.name) ??
      (target.entityRef ? settingsByName.get(target.entityRef) : undefined);
    if (settings) {
      used.add(settings.name);
    }
    if (target.problem) {
      plans.push(refuse(target, target.problem, settings));
    } else if (target.source === 'catalog') {
      plans.push(planCatalogCluster(target, settings));
    } else {
      plans.push(planConfigCluster(target, settings));
    }
  }

  for (const settings of settingsList) {
    if (used.has(settings.name) || seen.has(settings.name)) {
      continue;
    }
    if (!settings.url && settings.credentials?.type !== 'kubeconfig') {
      continue; // credentials for a catalog cluster that is not (yet) in the catalog
    }
    seen.add(settings.name);
    plans.push(
      planConfigCluster(
        { name: settings.name, source: 'config', url: settings.url },
        { ...settings, url: undefined, allowedUrls: [] },
      ),
    );
  }
  return { plans, skipped };
}
