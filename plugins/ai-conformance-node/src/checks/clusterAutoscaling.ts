import { Evidence } from '@internal/plugin-ai-conformance-common';
import { imagesMatch } from '../workloads/images';
import {
  acceleratorInventory,
  onDemandAccelerators,
  onDemandEvidence,
  serves,
  workloadRef,
} from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

const CAPI_MIN = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size';
const CAPI_MAX = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size';
/** Autoscaler controllers, by image repository (upstream Cluster Autoscaler, Karpenter on AWS and Azure). */
const AUTOSCALER_IMAGES = [
  /(^|\/)autoscaling\/cluster-autoscaler(-[a-z0-9]+)?$/,
  /(^|\/)karpenter\/controller$/,
  /(^|\/)karpenter\/karpenter$/,
];

/**
 * `cluster_autoscaling` (conditional): an autoscaler exists, runs, and covers accelerator node
 * groups. `not-applicable` only when no autoscaler of any kind is installed or configured; every
 * read that could show one is decisive.
 *
 * @public
 */
export const clusterAutoscaling: RequirementCheck = {
  id: 'cluster_autoscaling',
  reads: [
    'nodes',
    'resourceSlices',
    'deployments',
    'daemonSets',
    'clusterAutoscalerStatus',
    'karpenterNodePools',
    'karpenterNodeClaims',
    'clusterApiMachineDeployments',
    'gkeComputeClasses',
  ],
  evaluate(facts, context): CheckOutcome {
    const list: Evidence[] = [];
    const status = requireFact(facts, 'clusterAutoscalerStatus');
    const statusRef = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'cluster-autoscaler-status',
      namespace: 'kube-system',
    };
    if (status) {
      list.push(
        evidence(
          'Cluster Autoscaler status ConfigMap kube-system/cluster-autoscaler-status exists',
          statusRef,
        ),
      );
    }
    const controllers = requireFact(facts, 'deployments').filter(d =>
      imagesMatch(d.images, AUTOSCALER_IMAGES),
    );
    for (const d of controllers) {
      list.push(
        evidence(
          `Autoscaler Deployment ${d.namespace}/${d.name}: ${d.ready}/${d.desired} ready`,
          workloadRef(d),
          'status.conditions[Available]',
          d.available,
        ),
      );
    }
    const nodePools = requireFact(facts, 'karpenterNodePools');
    for (const p of nodePools) {
      list.push(
        evidence(`Karpenter NodePool ${p.metadata?.name}`, {
          apiVersion: p.apiVersion,
          kind: 'NodePool',
          name: p.metadata?.name ?? '',
        }),
      );
    }
    const autoscaled = requireFact(
      facts,
      'clusterApiMachineDeployments',
    ).filter(
      md =>
        md.metadata?.annotations?.[CAPI_MIN] !== undefined &&
        md.metadata?.annotations?.[CAPI_MAX] !== undefined,
    );
    for (const md of autoscaled) {
      const a = md.metadata?.annotations ?? {};
      const ref = {
        apiVersion: md.apiVersion,
        kind: 'MachineDeployment',
        name: md.metadata?.name ?? '',
        namespace: md.metadata?.namespace,
      };
      list.push(
        evidence(
          `Cluster API MachineDeployment ${ref.name} autoscales ${a[CAPI_MIN]}..${a[CAPI_MAX]}`,
          ref,
          `metadata.annotations['${CAPI_MAX}']`,
          a[CAPI_MAX],
        ),
      );
    }
    if (serves(facts, 'cloud.google.com', 'computeclasses')) {
      list.push(
        evidence(
          'GKE ComputeClass API is served (node auto-provisioning)',
          undefined,
          'discovery',
        ),
      );
    }
    if (list.length === 0) {
      return outcome(
        'not-applicable',
        'No cluster autoscaler of any kind is installed or configured (no Cluster Autoscaler status or controller, no Karpenter NodePool or controller, no autoscaled Cluster API MachineDeployment, no GKE ComputeClass API); the requirement applies only if the platform provides one.',
      );
    }
    if (controllers.length && !controllers.some(c => c.available)) {
      return outcome(
        'fail',
        `The cluster autoscaler is installed but not running: ${controllers
          .map(c => `${c.namespace}/${c.name} ${c.ready}/${c.desired} ready`)
          .join(', ')}.`,
        capEvidence(list),
      );
    }
    const autoscaledNames = new Set(autoscaled.map(md => md.metadata?.name));
    const coverage = onDemandAccelerators(facts, context).filter(
      s =>
        s.kind === 'NodePool' ||
        s.kind === 'ComputeClass' ||
        s.kind === 'ClusterAutoscalerNodeGroup' ||
        (s.kind === 'MachineDeployment' && autoscaledNames.has(s.name)),
    );
    const coverageEvidence = onDemandEvidence(coverage);
    const inventory = acceleratorInventory(facts, context);
    if (status?.status && inventory.nodes.length) {
      const pools = new Set(
        inventory.nodes
          .map(
            n =>
              n.node.labels['cloud.google.com/gke-nodepool'] ??
              n.node.labels['eks.amazonaws.com/nodegroup'] ??
              n.node.labels['kubernetes.azure.com/agentpool'] ??
              n.node.labels.agentpool,
          )
          .filter(Boolean),
      );
      for (const pool of pools) {
        if (status.status.includes(pool as string)) {
          coverageEvidence.push(
            evidence(
              `The Cluster Autoscaler status lists the accelerator node group ${pool}`,
              statusRef,
              'data.status',
            ),
          );
        }
      }
    }
    if (coverageEvidence.length) {
      return outcome(
        'pass',
        'A cluster autoscaler manages accelerator node groups.',
        capEvidence([...list, ...coverageEvidence]),
      );
    }
    return outcome(
      'unknown',
      'A cluster autoscaler exists, but no accelerator node group under its control was recognised; show with the scale-up test or documentation that it scales accelerator nodes.',
      capEvidence(list),
    );
  },
};
