import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeVersion } from '../cluster/ClusterReader';
import type { ClusterFacts } from '../gather/factTypes';
import type { ProviderSignals } from './detectProvider';

/** Collects the provider signals from an evaluation's kubeconfig, `/version` and facts. */
export function providerSignals(
  kubeConfig: KubeConfig | undefined,
  version: KubeVersion,
  facts: ClusterFacts,
): ProviderSignals {
  const nodes = facts.facts.nodes;
  return {
    apiServerUrl: kubeConfig?.getCurrentCluster()?.server,
    gitVersion: version.gitVersion,
    apiGroups: facts.discovery.groups.map(g => g.name),
    nodeLabels: nodes?.ok ? nodes.value.map(n => n.labels) : [],
  };
}
