import {
  catalogClusterId,
  configClusterId,
} from '@internal/plugin-ai-conformance-common';
import { ANNOTATION_KUBERNETES_API_SERVER } from '@backstage/plugin-kubernetes-common';
import { redactSecrets } from '../cluster/serverText';
import { normalizeApiServerUrl } from './normalizeApiServerUrl';
import {
  ClusterBinding,
  ClusterPlan,
  ClusterTarget,
  RegisteredCluster,
} from './types';

/** @public */
export interface PlanClustersResult {
  plans: ClusterPlan[];
  /** Config entries that bind nothing, and similar notes for the operator's log. */
  warnings: string[];
}

function normalized(url: string | undefined): string | undefined {
  return url ? normalizeApiServerUrl(url) ?? url : undefined;
}

function allowedUrlsOf(binding: ClusterBinding): string[] {
  return [binding.url, ...binding.allowedUrls]
    .map(normalized)
    .filter((u): u is string => Boolean(u));
}

function registered(
  target: ClusterTarget,
  id: string,
  binding: ClusterBinding | undefined,
): RegisteredCluster {
  return {
    id,
    name: target.name,
    source: target.source,
    entityRef: target.source === 'catalog' ? id : undefined,
    owner: target.source === 'catalog' ? target.owner : undefined,
    url: target.url ?? binding?.url,
    activeProbes: binding?.activeProbes ?? false,
    checklistVersion: binding?.checklistVersion ?? target.checklistVersion,
    providerAnnotation: target.providerAnnotation,
    lifecycle: target.lifecycle,
  };
}

/**
 * A refused plan. `refusal` reaches API responses and the UI, so it names config keys and entity
 * refs but never a URL or a file path; `detail` (the same with the URLs concerned) is for the
 * operator's log only, with any credentials inside the URLs removed.
 */
function refused(
  cluster: RegisteredCluster,
  refusal: string,
  detail?: string,
): ClusterPlan {
  return {
    cluster: {
      ...cluster,
      activeProbes: false,
      refusal: redactSecrets(refusal),
    },
    ...(detail ? { refusalDetail: redactSecrets(detail) } : {}),
  };
}

function bindingHint(id: string): string {
  return `add to app-config: aiConformance.clusters: [{ entityRef: ${id}, url: <its ${ANNOTATION_KUBERNETES_API_SERVER} URL>, serviceAccountToken: \${TOKEN} }] (or serviceAccountTokenFile, clientCertificate, kubeconfig, authProvider)`;
}

/** Who config says owns an API server URL: a binding's cluster or a config cluster. */
interface UrlOwner {
  id: string;
  key: string;
}

function planCatalogCluster(
  target: ClusterTarget,
  id: string,
  binding: ClusterBinding | undefined,
  urlOwners: Map<string, UrlOwner[]>,
  legacyNameBinding: ClusterBinding | undefined,
): ClusterPlan {
  const cluster = registered(target, id, binding);
  const announced = normalized(target.url);
  // With its own entry, config has named this entity explicitly; without, another cluster's URL
  // is a claim the catalog must not make.
  const claimed = (announced ? urlOwners.get(announced) ?? [] : []).filter(
    owner => owner.id !== id,
  );
  if (!binding && claimed.length > 0) {
    return refused(
      cluster,
      `${id} announces an API server that config binds to another cluster; the catalog cannot claim a configured cluster. Remove its ${ANNOTATION_KUBERNETES_API_SERVER} annotation, or bind this entity in config with aiConformance.clusters[].entityRef: ${id}`,
      `${id} announces the API server ${
        target.url
      }, which config binds to ${claimed
        .map(c => `${c.id} (${c.key})`)
        .join(', ')}`,
    );
  }
  if (target.problem) {
    return refused(cluster, target.problem);
  }
  if (!binding) {
    const legacy = legacyNameBinding
      ? `${legacyNameBinding.key} (name: ${legacyNameBinding.name}) no longer binds catalog entities by name; replace its name with entityRef: ${id}. Otherwise `
      : 'no credentials are bound to it in config; ';
    return refused(
      cluster,
      `catalog cluster ${id} is not contacted: ${legacy}${bindingHint(id)}`,
      `catalog cluster ${id} announces ${target.url ?? 'no URL'}`,
    );
  }
  if (!binding.authProvider) {
    return refused(
      cluster,
      `${binding.key} (entityRef: ${id}) has no credentials; ${bindingHint(
        id,
      )}`,
    );
  }
  const allowed = allowedUrlsOf(binding);
  const isKubeconfig = binding.authProvider === 'kubeconfig';
  const urlAllowed =
    announced !== undefined &&
    (allowed.includes(announced) || (isKubeconfig && allowed.length === 0));
  if (!urlAllowed) {
    return refused(
      cluster,
      `the API server URL that ${id} announces is not one that ${binding.key} allows, so no credentials are sent to it; if the ${ANNOTATION_KUBERNETES_API_SERVER} annotation is right, add its URL to ${binding.key}.url (or allowedUrls)`,
      `${id} announces ${target.url ?? 'no URL'}; ${binding.key} allows ${
        allowed.join(', ') || 'none'
      }`,
    );
  }
  // A catalog CA counts only where config allows it, and never replaces a configured CA.
  const configCa = Boolean(binding.caData || binding.caFile);
  const catalogCa =
    !configCa && binding.trustCatalogCA && !isKubeconfig
      ? target.caData
      : undefined;
  return {
    cluster,
    connection: {
      server: isKubeconfig ? undefined : target.url,
      allowedServers: isKubeconfig ? [announced] : [],
      caData: binding.caData ?? catalogCa,
      caFile: binding.caFile,
      skipTLSVerify: binding.skipTLSVerify,
      authProvider: binding.authProvider,
      authMetadata: binding.authMetadata,
      authConfig: binding.authConfig,
    },
  };
}

function planConfigCluster(
  target: ClusterTarget,
  id: string,
  binding: ClusterBinding | undefined,
): ClusterPlan {
  const cluster = registered(target, id, binding);
  if (target.problem) {
    return refused(cluster, target.problem);
  }
  if (binding && target.url) {
    const allowed = allowedUrlsOf(binding);
    if (allowed.length > 0 && !allowed.includes(normalized(target.url)!)) {
      return refused(
        cluster,
        `config cluster ${id} has a url that ${binding.key} does not allow; make them agree`,
        `config cluster ${id} has url ${target.url}; ${
          binding.key
        } allows ${allowed.join(', ')}`,
      );
    }
  }
  const fromBinding = Boolean(binding?.authProvider);
  const authProvider = binding?.authProvider ?? target.authProvider;
  if (!authProvider) {
    return refused(
      cluster,
      `no credentials for config cluster ${id}: add to app-config aiConformance.clusters: [{ url: <its url in kubernetes.clusterLocatorMethods>, serviceAccountToken: \${TOKEN} }], or set serviceAccountToken in kubernetes.clusterLocatorMethods`,
      `config cluster ${id} has url ${target.url ?? '(none)'}`,
    );
  }
  const isKubeconfig = authProvider === 'kubeconfig';
  return {
    cluster,
    connection: {
      server: isKubeconfig ? undefined : target.url,
      allowedServers:
        isKubeconfig && target.url ? [normalized(target.url)!] : [],
      caData: binding?.caData ?? (binding?.caFile ? undefined : target.caData),
      caFile: binding?.caFile ?? (binding?.caData ? undefined : target.caFile),
      skipTLSVerify: Boolean(binding?.skipTLSVerify || target.skipTLSVerify),
      authProvider,
      authMetadata: fromBinding
        ? binding!.authMetadata
        : target.authMetadata ?? {},
      authConfig: fromBinding ? binding!.authConfig : target.authConfig,
    },
  };
}

/**
 * The entries of a `kubernetes.clusterLocatorMethods` cluster: one with its name (both come from
 * config, so the name is safe), or, without a name, one with its exact URL. Named entries with
 * other names are clusters of their own, even on the same URL (several identities per server).
 */
function configBindingOf(
  target: ClusterTarget,
  bindings: ClusterBinding[],
): ClusterBinding[] {
  const url = normalized(target.url);
  return bindings.filter(b => {
    if (b.entityRef) {
      return false;
    }
    if (b.name !== undefined) {
      return b.name === target.name;
    }
    return url !== undefined && allowedUrlsOf(b).includes(url);
  });
}

/**
 * Decides, for every announced cluster, its identity and whether and how the backend contacts
 * it. Pure: no file, no secret, no network.
 *
 * - A catalog cluster's identity is its entity ref; a config cluster's is `config:<name>`.
 * - Catalog clusters get credentials only from an `aiConformance.clusters` entry with their
 *   `entityRef`, and only for a URL that entry allows. A catalog CA counts only with
 *   `trustCatalogCA`, and never over a configured CA.
 * - An entity announcing an API server URL that config binds to another cluster is refused;
 *   two such entities are both refused. Clusters that share an identity are all refused.
 * - Entries with a `name` bind the `kubernetes.clusterLocatorMethods` cluster of that name, or
 *   (with a `url` or kubeconfig) are config-only clusters `config:<name>`. Entries with only a
 *   `url` bind the `kubernetes.clusterLocatorMethods` clusters of exactly that URL.
 * - A `kubernetes.clusterLocatorMethods` cluster bound by no entry, at a URL that an `entityRef`
 *   entry binds, is that entity's cluster and gets no `config:` identity of its own.
 *
 * @public
 */
export function planClusters(
  targets: ClusterTarget[],
  bindings: ClusterBinding[],
): PlanClustersResult {
  const warnings: string[] = [];
  const byEntityRef = new Map(
    bindings.filter(b => b.entityRef).map(b => [b.entityRef!, b]),
  );
  const used = new Set<ClusterBinding>();
  const plans: ClusterPlan[] = [];

  // Config clusters first: they and the bindings define which URLs config owns.
  const catalogTargets = targets.filter(t => t.source === 'catalog');
  // A kubernetes.clusterLocatorMethods cluster that no entry binds by name, at a URL that config
  // binds to a catalog entity, is that entity's cluster listed for the Kubernetes plugin: not a
  // second identity (it would be evaluated twice and shown twice in the fleet).
  const entityUrls = new Set(
    bindings.filter(b => b.entityRef).flatMap(allowedUrlsOf),
  );
  const configPlans: Array<{
    target: ClusterTarget;
    id: string;
    matches: ClusterBinding[];
  }> = targets
    .filter(t => t.source === 'config')
    .map(target => ({
      target,
      id: configClusterId(target.name),
      matches: configBindingOf(target, bindings),
    }))
    .filter(({ target, matches }) => {
      const url = normalized(target.url);
      return matches.length > 0 || !url || !entityUrls.has(url);
    });
  for (const { matches } of configPlans) {
    matches.forEach(b => used.add(b));
  }
  const standalone = bindings.filter(
    b =>
      !b.entityRef &&
      !used.has(b) &&
      b.name &&
      (b.url || b.authProvider === 'kubeconfig'),
  );

  const urlOwners = new Map<string, UrlOwner[]>();
  const ownUrl = (url: string | undefined, owner: UrlOwner) => {
    const key = normalized(url);
    if (key) {
      urlOwners.set(key, [...(urlOwners.get(key) ?? []), owner]);
    }
  };
  for (const { target, id } of configPlans) {
    ownUrl(target.url, { id, key: 'kubernetes.clusterLocatorMethods' });
  }
  for (const binding of bindings) {
    const id =
      binding.entityRef ?? configClusterId(binding.name ?? binding.key);
    for (const url of [binding.url, ...binding.allowedUrls]) {
      ownUrl(url, { id, key: binding.key });
    }
  }

  for (const { target, id, matches } of configPlans) {
    if (matches.length > 1) {
      plans.push(
        refused(
          registered(target, id, undefined),
          `config cluster ${id} matches several entries (${matches
            .map(m => m.key)
            .join(', ')}); keep one`,
        ),
      );
    } else {
      plans.push(planConfigCluster(target, id, matches[0]));
    }
  }
  for (const binding of standalone) {
    plans.push(
      planConfigCluster(
        { name: binding.name!, source: 'config', url: binding.url },
        configClusterId(binding.name!),
        { ...binding, url: undefined, allowedUrls: [] },
      ),
    );
  }
  const legacyByName = new Map(
    bindings.filter(b => b.name && !b.entityRef).map(b => [b.name!, b]),
  );
  for (const target of catalogTargets) {
    const id = catalogClusterId(target.entityRef ?? target.name);
    const binding = byEntityRef.get(id);
    if (binding) {
      used.add(binding);
    }
    plans.push(
      planCatalogCluster(
        target,
        id,
        binding,
        urlOwners,
        legacyByName.get(target.name),
      ),
    );
  }

  for (const binding of bindings) {
    if (
      !used.has(binding) &&
      !standalone.includes(binding) &&
      !binding.entityRef
    ) {
      warnings.push(
        `${binding.key}${
          binding.name ? ` (name: ${binding.name})` : ''
        } binds no cluster: no kubernetes.clusterLocatorMethods cluster has its url, and it has no url or kubeconfig of its own. To bind a catalog entity use entityRef: resource:<namespace>/<name>`,
      );
    }
  }
  return { plans: refuseSharedIdentities(plans), warnings };
}

/** Clusters announced twice under one identity: all refused, never first-wins. */
function refuseSharedIdentities(plans: ClusterPlan[]): ClusterPlan[] {
  const counts = new Map<string, number>();
  for (const plan of plans) {
    counts.set(plan.cluster.id, (counts.get(plan.cluster.id) ?? 0) + 1);
  }
  const seen = new Set<string>();
  const result: ClusterPlan[] = [];
  for (const plan of plans) {
    const id = plan.cluster.id;
    if ((counts.get(id) ?? 0) < 2) {
      result.push(plan);
    } else if (!seen.has(id)) {
      seen.add(id);
      result.push(
        refused(
          plan.cluster,
          `${counts.get(
            id,
          )} sources announce a cluster ${id}; give them different names, or remove one`,
          `${counts.get(id)} sources announce a cluster ${id}: ${plans
            .filter(p => p.cluster.id === id)
            .map(p => `${p.cluster.source} ${p.cluster.url ?? '(no URL)'}`)
            .join(', ')}`,
        ),
      );
    }
  }
  return result;
}
