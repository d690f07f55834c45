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

/** What the rules look at: the signals, with the nodes' label keys collected once. */
interface RuleInput {
  apiServerUrl: string;
  gitVersion: string;
  apiGroups: readonly string[];
  /** Every label key of any node, once, in the order the nodes first show it. */
  labelKeys: readonly string[];
}

interface ProviderRule {
  provider: ClusterProvider;
  /** Returns what decided the match, or undefined. */
  match(signals: RuleInput): string | undefined;
}

/* A fleet of thousands of nodes with ~50 labels each: each rule scans the few distinct keys, not
   every node's labels again. */
function distinctLabelKeys(
  labels: ReadonlyArray<Record<string, string>>,
): string[] {
  const keys = new Set<string>();
  for (const node of labels) {
    for (const key of Object.keys(node)) keys.add(key);
  }
  return [...keys];
}

const someNodeHasLabel = (
  labelKeys: readonly string[],
  prefixes: readonly string[],
): string | undefined => {
  const key = labelKeys.find(k => prefixes.some(p => k.startsWith(p)));
  return key === undefined ? undefined : `node label ${key}`;
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
        : someNodeHasLabel(s.labelKeys, ['node.openshift.io/']),
  },
  {
    provider: 'aws',
    match: s =>
      (hostOf(s.apiServerUrl).endsWith('.eks.amazonaws.com')
        ? 'API server host *.eks.amazonaws.com'
        : undefined) ??
      (/-eks-/.test(s.gitVersion) ? `version ${s.gitVersion}` : undefined) ??
      someNodeHasLabel(s.labelKeys, ['eks.amazonaws.com/', 'alpha.eksctl.io/']),
  },
  {
    provider: 'gcp',
    match: s =>
      (/-gke\./.test(s.gitVersion) ? `version ${s.gitVersion}` : undefined) ??
      someNodeHasLabel(s.labelKeys, ['cloud.google.com/gke-']),
  },
  {
    provider: 'azure',
    match: s =>
      (hostOf(s.apiServerUrl).endsWith('.azmk8s.io')
        ? 'API server host *.azmk8s.io'
        : undefined) ??
      someNodeHasLabel(s.labelKeys, ['kubernetes.azure.com/']),
  },
];

/**
 * Tells which provider runs a cluster from what an evaluation read. Pure. A cluster matching no
 * rule is `other` (on-premises, or a platform we do not know), with the reason saying so.
 *
 * @public
 */
export function detectProvider(signals: ProviderSignals): ProviderDetection {
  const complete: RuleInput = {
    apiServerUrl: signals.apiServerUrl ?? '',
    gitVersion: signals.gitVersion ?? '',
    apiGroups: signals.apiGroups ?? [],
    labelKeys: distinctLabelKeys(signals.nodeLabels ?? []),
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
