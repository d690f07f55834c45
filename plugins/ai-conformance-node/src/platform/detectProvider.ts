import type {
  ClusterProvider,
  ProviderDetection,
} from '@internal/plugin-ai-conformance-common';

/**
 * What provider detection looks at, all of it already read by an evaluation: the API server URL
 * (from the kubeconfig), `/version`, the API groups the server serves and the labels of its Nodes.
 *
 * @public
 */
export interface ProviderSignals {
  apiServerUrl?: string;
  gitVersion?: string;
  apiGroups?: readonly string[];
  nodeLabels?: ReadonlyArray<Record<string, string>>;
}

interface ProviderRule {
  provider: ClusterProvider;
  /** Returns what decided the match, or undefined. */
  match(signals: Required<ProviderSignals>): string | undefined;
}

const someNodeHasLabel = (
  labels: ReadonlyArray<Record<string, string>>,
  prefixes: readonly string[],
): string | undefined => {
  for (const node of labels) {
    for (const key of Object.keys(node)) {
      const prefix = prefixes.find(p => key.startsWith(p));
      if (prefix) return `node label ${key}`;
    }
  }
  return undefined;
};

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.toLocaleLowerCase('en-US');
  } catch {
    return '';
  }
};

/**
 * Ordered: OpenShift first, because OpenShift runs on the clouds too (ROSA on AWS, ARO on Azure)
 * and the platform is what a conformance result depends on.
 */
const RULES: readonly ProviderRule[] = [
  {
    provider: 'openshift',
    match: s =>
      s.apiGroups.includes('config.openshift.io')
        ? 'API group config.openshift.io'
        : someNodeHasLabel(s.nodeLabels, ['node.openshift.io/']),
  },
  {
    provider: 'aws',
    match: s =>
      (hostOf(s.apiServerUrl).endsWith('.eks.amazonaws.com')
        ? 'API server host *.eks.amazonaws.com'
        : undefined) ??
      (/-eks-/.test(s.gitVersion) ? `version ${s.gitVersion}` : undefined) ??
      someNodeHasLabel(s.nodeLabels, [
        'eks.amazonaws.com/',
        'alpha.eksctl.io/',
      ]),
  },
  {
    provider: 'gcp',
    match: s =>
      (/-gke\./.test(s.gitVersion) ? `version ${s.gitVersion}` : undefined) ??
      someNodeHasLabel(s.nodeLabels, ['cloud.google.com/gke-']),
  },
  {
    provider: 'azure',
    match: s =>
      (hostOf(s.apiServerUrl).endsWith('.azmk8s.io')
        ? 'API server host *.azmk8s.io'
        : undefined) ??
      someNodeHasLabel(s.nodeLabels, ['kubernetes.azure.com/']),
  },
];

/**
 * Tells which provider runs a cluster from what an evaluation read. Pure. A cluster matching no
 * rule is `other` (on-premises, or a platform we do not know), with the reason saying so.
 *
 * @public
 */
export function detectProvider(signals: ProviderSignals): ProviderDetection {
  const complete: Required<ProviderSignals> = {
    apiServerUrl: signals.apiServerUrl ?? '',
    gitVersion: signals.gitVersion ?? '',
    apiGroups: signals.apiGroups ?? [],
    nodeLabels: signals.nodeLabels ?? [],
  };
  for (const rule of RULES) {
    const reason = rule.match(complete);
    if (reason) return { provider: rule.provider, source: 'detected', reason };
  }
  return {
    provider: 'other',
    source: 'detected',
    reason:
      'No managed-Kubernetes signal in the API server URL, version, API groups or node labels',
  };
}
