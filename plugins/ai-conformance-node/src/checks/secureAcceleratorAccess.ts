import { Evidence } from '@internal/plugin-ai-conformance-common';
import { describeUnrecognised } from '../vendors/detectAccelerators';
import { ON_DEMAND_FACTS, acceleratorInventory, withoutRecognisedAccelerators, SYSTEM_NAMESPACE } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

/** `secure_accelerator_access`: devices are mediated and no workload bypasses the mediation. @public */
export const secureAcceleratorAccess: RequirementCheck = {
  id: 'secure_accelerator_access',
  reads: ['nodes', 'resourceSlices', 'pods', ...ON_DEMAND_FACTS],
  evaluate(facts, context): CheckOutcome {
    const inventory = acceleratorInventory(facts, context);
    const gate = withoutRecognisedAccelerators(facts, context, inventory, {
      verifyManually: 'verify isolation manually',
      notApplicable: 'The cluster has no accelerator nodes, so there is no accelerator access to isolate.',
    });
    if (gate) return gate;
    const list: Evidence[] = [];
    const unmediated = inventory.nodes.filter(n => n.allocatable === 0 && Object.keys(n.partitions).length === 0 && n.slices.length === 0);
    for (const n of inventory.nodes.filter(x => !unmediated.includes(x)).slice(0, 5)) {
      list.push(evidence(`${n.node.name}: ${n.vendor.displayName} mediated by ${n.slices.length ? `DRA driver ${n.slices[0].driver}` : 'a device plugin (extended resource)'}`, { apiVersion: 'v1', kind: 'Node', name: n.node.name }, n.slices.length ? 'ResourceSlice' : 'status.allocatable'));
    }
    const pods = requireFact(facts, 'pods');
    const acceleratorNodes = new Map(inventory.nodes.map(n => [n.node.name, n]));
    const bypassing = pods.filter(p => {
      if (SYSTEM_NAMESPACE.test(p.namespace) || !p.nodeName) return false;
      const node = acceleratorNodes.get(p.nodeName);
      if (!node) return false;
      const devicePaths = p.hostPathDevices.filter(path =>
        path === '/dev' || node.vendor.deviceFiles.some(prefix => path.startsWith(prefix)),
      );
      return p.privileged || devicePaths.length > 0;
    });
    for (const p of bypassing) {
      list.push(evidence(`Pod ${p.namespace}/${p.name} on accelerator node ${p.nodeName} ${p.privileged ? 'runs privileged' : `mounts ${p.hostPathDevices.join(', ')}`}`, { apiVersion: 'v1', kind: 'Pod', name: p.name, namespace: p.namespace }, p.privileged ? 'spec.containers[].securityContext.privileged' : 'spec.volumes[].hostPath.path'));
    }
    if (unmediated.length) {
      return outcome('fail', `${unmediated.length} accelerator node(s) expose no device plugin resource and no DRA devices, so access is not mediated by Kubernetes (${unmediated.slice(0, 5).map(n => n.node.name).join(', ')}).`, capEvidence(list));
    }
    if (bypassing.length) {
      return outcome('fail', `${bypassing.length} workload pod(s) on accelerator nodes bypass device mediation (privileged or hostPath device mounts).`, capEvidence(list));
    }
    const suffix = inventory.unrecognised.length ? ` Unrecognised accelerators (${describeUnrecognised(inventory.unrecognised)}) were not checked.` : '';
    return outcome('pass', `Accelerators on ${inventory.nodes.length} node(s) are mediated by a device plugin or DRA and no workload pod bypasses it. The isolation itself is proven only by the active test.${suffix}`, capEvidence(list));
  },
};
