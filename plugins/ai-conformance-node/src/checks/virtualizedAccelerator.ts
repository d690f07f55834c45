import { Evidence } from '@internal/plugin-ai-conformance-common';
import { describeUnrecognised } from '../vendors/detectAccelerators';
import { ON_DEMAND_FACTS, acceleratorInventory, serves, withoutRecognisedAccelerators } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

const VIRTUAL_DEVICE_TYPES = new Set(['vfio', 'vgpu']);

/** `virtualized_accelerator`: virtual accelerators are exposed like physical ones. @public */
export const virtualizedAccelerator: RequirementCheck = {
  id: 'virtualized_accelerator',
  reads: ['nodes', 'resourceSlices', 'deviceClasses', ...ON_DEMAND_FACTS],
  evaluate(facts, context): CheckOutcome {
    const inventory = acceleratorInventory(facts, context);
    if (inventory.nodes.length === 0 && inventory.unrecognised.length === 0) {
      const gate = withoutRecognisedAccelerators(facts, context, inventory, {
        verifyManually: 'provide evidence of virtualized accelerators manually',
        notApplicable: 'The cluster has no accelerator nodes.',
      });
      if (gate) return gate;
    }
    const list: Evidence[] = [];
    for (const n of inventory.nodes) {
      const ref = { apiVersion: 'v1', kind: 'Node', name: n.node.name };
      for (const label of n.vendor.virtualizationLabels) {
        if (n.node.labels[label] === 'true') {
          list.push(evidence(`${n.node.name}: ${label}=true`, ref, `metadata.labels['${label}']`, 'true'));
        }
      }
      for (const slice of n.slices) {
        const virtual = slice.devices.filter(d => VIRTUAL_DEVICE_TYPES.has(String(d.attributes.type ?? '')));
        if (virtual.length) {
          list.push(evidence(`${n.node.name}: ${virtual.length} virtual/passthrough device(s) in ResourceSlice ${slice.name}`, { apiVersion: 'resource.k8s.io/v1', kind: 'ResourceSlice', name: slice.name }, 'devices[].attributes.type'));
        }
      }
    }
    const classes = requireFact(facts, 'deviceClasses');
    for (const c of classes) {
      if (context.vendors.some(v => v.virtualizationDeviceClasses.includes(c.name))) {
        list.push(evidence(`DeviceClass ${c.name} exposes virtual or passthrough accelerators`, { apiVersion: c.apiVersion, kind: 'DeviceClass', name: c.name }));
      }
    }
    if (serves(facts, 'kubevirt.io', 'virtualmachines')) {
      list.push(evidence('KubeVirt (kubevirt.io) is installed; mediated devices can be permitted in its configuration', undefined, 'discovery'));
    }
    if (list.length) {
      return outcome('pass', 'Virtualized accelerators are exposed through the same resource APIs as physical ones.', capEvidence(list));
    }
    const unrecognised = inventory.unrecognised.length
      ? ` Unrecognised accelerators: ${describeUnrecognised(inventory.unrecognised)}.`
      : '';
    return outcome(
      'unknown',
      `No virtualized accelerator mechanism was recognised. On bare-metal accelerators this requirement is N/A; otherwise provide evidence manually.${unrecognised}`,
    );
  },
};
