import { Evidence } from '@internal/plugin-ai-conformance-common';
import { NETWORK_DRA_DRIVERS } from '../vendors/profiles';
import { serves } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

const NON_DRA_MECHANISMS: Array<{
  group: string;
  resource: string;
  what: string;
}> = [
  {
    group: 'k8s.cni.cncf.io',
    resource: 'network-attachment-definitions',
    what: 'Multus NetworkAttachmentDefinitions',
  },
  {
    group: 'mellanox.com',
    resource: 'nicclusterpolicies',
    what: 'NVIDIA Network Operator NicClusterPolicy',
  },
  {
    group: 'sriovnetwork.openshift.io',
    resource: 'sriovnetworknodepolicies',
    what: 'SR-IOV Network Operator',
  },
];
const RDMA_RESOURCE =
  /^(rdma\/|nvidia\.com\/(rdma|hostdev|sriov)|openshift\.io\/.*(rdma|sriov|mlnx))/;

/** `high_performance_networking`: network devices are published, preferably through DRA. @public */
export const highPerformanceNetworking: RequirementCheck = {
  id: 'high_performance_networking',
  reads: ['nodes', 'resourceSlices', 'deviceClasses'],
  evaluate(facts): CheckOutcome {
    const slices = requireFact(facts, 'resourceSlices');
    const nodes = requireFact(facts, 'nodes');
    const list: Evidence[] = [];
    const draNet = slices.filter(s => NETWORK_DRA_DRIVERS.includes(s.driver));
    for (const driver of new Set(draNet.map(s => s.driver))) {
      const own = draNet.filter(s => s.driver === driver);
      list.push(
        evidence(
          `Network DRA driver ${driver} publishes ${own.reduce(
            (n, s) => n + s.devices.length,
            0,
          )} NIC(s) on ${new Set(own.map(s => s.nodeName)).size} node(s)`,
          {
            apiVersion: 'resource.k8s.io/v1',
            kind: 'ResourceSlice',
            name: own[0].name,
          },
          'spec.driver',
          driver,
        ),
      );
    }
    const others: Evidence[] = [];
    for (const m of NON_DRA_MECHANISMS) {
      if (serves(facts, m.group, m.resource)) {
        others.push(
          evidence(
            `${m.what} (${m.resource}.${m.group}) is installed`,
            undefined,
            'discovery',
          ),
        );
      }
    }
    const rdmaNodes = nodes.filter(n =>
      Object.keys(n.allocatable).some(r => RDMA_RESOURCE.test(r)),
    );
    if (rdmaNodes.length) {
      others.push(
        evidence(
          `${rdmaNodes.length} node(s) expose RDMA/SR-IOV extended resources`,
          { apiVersion: 'v1', kind: 'Node', name: rdmaNodes[0].name },
          'status.allocatable',
        ),
      );
    }
    if (draNet.length) {
      return outcome(
        'pass',
        'High-performance network devices are published through DRA.',
        capEvidence([...list, ...others]),
      );
    }
    if (others.length) {
      return outcome(
        'pass',
        'High-performance networking is provided without DRA (the checklist recommends DRA, e.g. DRANET).',
        capEvidence(others),
      );
    }
    return outcome(
      'not-applicable',
      'No high-performance network resources (network DRA drivers, Multus, SR-IOV, RDMA devices) were found; this applies only if the platform needs high-performance pod-to-pod communication.',
    );
  },
};
