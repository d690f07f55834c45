import { NodeFact } from '../gather/factTypes';

/** Label prefixes that only a provider's nodes carry, most specific first. */
const PROVIDER_LABELS: ReadonlyArray<{ provider: string; prefixes: string[] }> =
  [
    { provider: 'eks', prefixes: ['eks.amazonaws.com/', 'k8s.amazonaws.com/'] },
    { provider: 'gke', prefixes: ['cloud.google.com/gke-'] },
    { provider: 'aks', prefixes: ['kubernetes.azure.com/'] },
    { provider: 'openshift', prefixes: ['node.openshift.io/'] },
    { provider: 'karpenter-aws', prefixes: ['karpenter.k8s.aws/'] },
  ];

/**
 * The platform the nodes run on, from provider-only label prefixes (the most common one among
 * the nodes), or undefined when none is recognised. Used to total capacity by provider.
 *
 * @public
 */
export function detectProvider(nodes: NodeFact[]): string | undefined {
  const votes = new Map<string, number>();
  for (const node of nodes) {
    const keys = Object.keys(node.labels);
    const match = PROVIDER_LABELS.find(p =>
      keys.some(k => p.prefixes.some(prefix => k.startsWith(prefix))),
    );
    if (match) votes.set(match.provider, (votes.get(match.provider) ?? 0) + 1);
  }
  const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best === 'karpenter-aws' ? 'eks' : best;
}
