import { Evidence } from '@internal/plugin-ai-conformance-common';
import { acceleratorInventory, findWorkloads, serves, workloadRef } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  optionalFact,
  outcome,
} from './RequirementCheck';

const CAPI_MIN = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size';
const CAPI_MAX = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size';
const ACCELERATOR_HINT = /gpu|nvidia|amd\.com|tpu|neuron|gaudi|habana|accelerator|inferentia|trainium/i;

/** `cluster_autoscaling` (conditional): an autoscaler exists and covers accelerator node groups. @public */
export const clusterAutoscaling: RequirementCheck = {
  id: 'cluster_autoscaling',
  reads: ['nodes', 'resourceSlices', 'deployments', 'clusterAutoscalerStatus', 'karpenterNodePools', 'clusterApiMachineDeployments'],
  evaluate(facts, context): CheckOutcome {
    const list: Evidence[] = [];
    const acceleratorCoverage: Evidence[] = [];
    const status = optionalFact(facts, 'clusterAutoscalerStatus');
    if (status) {
      list.push(evidence('Cluster Autoscaler status ConfigMap kube-system/cluster-autoscaler-status exists', { apiVersion: 'v1', kind: 'ConfigMap', name: status.name, namespace: status.namespace }));
    }
    const deployments = optionalFact(facts, 'deployments') ?? [];
    for (const d of findWorkloads(deployments, ['cluster-autoscaler', 'karpenter'])) {
      list.push(evidence(`Autoscaler Deployment ${d.namespace}/${d.name}: ${d.ready}/${d.desired} ready`, workloadRef(d), 'status.conditions[Available]', d.available));
    }
    const nodePools = optionalFact(facts, 'karpenterNodePools') ?? [];
    for (const p of nodePools) {
      const text = JSON.stringify((p as any).spec ?? {});
      const ref = { apiVersion: p.apiVersion, kind: 'NodePool', name: p.metadata?.name ?? '' };
      list.push(evidence(`Karpenter NodePool ${ref.name}`, ref));
      if (ACCELERATOR_HINT.test(text)) {
        acceleratorCoverage.push(evidence(`Karpenter NodePool ${ref.name} provisions accelerator instances`, ref, 'spec.template.spec.requirements / spec.limits'));
      }
    }
    const machineDeployments = (optionalFact(facts, 'clusterApiMachineDeployments') ?? []).filter(
      md => md.metadata?.annotations?.[CAPI_MIN] !== undefined && md.metadata?.annotations?.[CAPI_MAX] !== undefined,
    );
    for (const md of machineDeployments) {
      const a = md.metadata?.annotations ?? {};
      const ref = { apiVersion: md.apiVersion, kind: 'MachineDeployment', name: md.metadata?.name ?? '', namespace: md.metadata?.namespace };
      list.push(evidence(`Cluster API MachineDeployment ${ref.name} autoscales ${a[CAPI_MIN]}..${a[CAPI_MAX]}`, ref, `metadata.annotations['${CAPI_MAX}']`, a[CAPI_MAX]));
      if (ACCELERATOR_HINT.test(`${ref.name} ${JSON.stringify(md.metadata?.labels ?? {})}`)) {
        acceleratorCoverage.push(evidence(`MachineDeployment ${ref.name} looks like an accelerator node group`, ref));
      }
    }
    if (serves(facts, 'cloud.google.com', 'computeclasses')) {
      list.push(evidence('GKE ComputeClass API is served (node auto-provisioning)', undefined, 'discovery'));
    }
    if (list.length === 0) {
      return outcome('not-applicable', 'No cluster autoscaler was found (Cluster Autoscaler, Karpenter, Cluster API autoscaling); the requirement applies only if the platform provides one.');
    }
    const inventory = acceleratorInventory(facts, context);
    if (status?.status && inventory.nodes.length) {
      const pools = new Set(inventory.nodes.map(n => n.node.labels['cloud.google.com/gke-nodepool'] ?? n.node.labels['eks.amazonaws.com/nodegroup'] ?? n.node.labels.agentpool).filter(Boolean));
      for (const pool of pools) {
        if (status.status.includes(pool as string)) {
          acceleratorCoverage.push(evidence(`The Cluster Autoscaler status lists the accelerator node group ${pool}`, { apiVersion: 'v1', kind: 'ConfigMap', name: status.name, namespace: status.namespace }, 'data.status'));
        }
      }
    }
    if (acceleratorCoverage.length) {
      return outcome('pass', 'A cluster autoscaler manages accelerator node groups.', capEvidence([...list, ...acceleratorCoverage]));
    }
    return outcome(
      'unknown',
      'A cluster autoscaler exists, but no accelerator node group under its control was recognised; show with the scale-up test or documentation that it scales accelerator nodes.',
      capEvidence(list),
    );
  },
};
