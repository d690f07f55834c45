import { Evidence } from '@internal/plugin-ai-conformance-common';
import { describeUnrecognised } from '../vendors/detectAccelerators';
import { ON_DEMAND_FACTS, acceleratorInventory, withoutRecognisedAccelerators } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

/** `gpu_sharing`: partitions or shares of accelerators are offered. @public */
export const gpuSharing: RequirementCheck = {
  id: 'gpu_sharing',
  reads: ['nodes', 'resourceSlices', 'deviceClasses', ...ON_DEMAND_FACTS],
  evaluate(facts, context): CheckOutcome {
    const inventory = acceleratorInventory(facts, context);
    const gate = withoutRecognisedAccelerators(facts, context, inventory, {
      verifyManually: 'check their sharing support manually',
      notApplicable: 'The cluster has no accelerator nodes.',
    });
    if (gate) return gate;
    const shareable = inventory.nodes.filter(n => n.vendor.supportsSharing);
    if (shareable.length === 0) {
      if (inventory.unrecognised.length) {
        return outcome('unknown', `Accelerators not covered by a vendor profile were found (${describeUnrecognised(inventory.unrecognised)}); check their sharing support manually.`);
      }
      return outcome(
        'not-applicable',
        `The accelerators present (${inventory.vendors.map(v => v.displayName).join(', ')}) do not support static sharing.`,
      );
    }
    const list: Evidence[] = [];
    for (const n of shareable) {
      const ref = { apiVersion: 'v1', kind: 'Node', name: n.node.name };
      for (const [name, count] of Object.entries(n.partitions)) {
        list.push(evidence(`${n.node.name}: ${count} × ${name} (partition resource)`, ref, `status.allocatable['${name}']`, count));
      }
      for (const [label, values] of Object.entries(n.vendor.sharingLabels)) {
        const value = n.node.labels[label];
        if (value && value !== 'none' && value !== 'false' && (values.length === 0 || values.includes(value))) {
          list.push(evidence(`${n.node.name}: ${label}=${value}`, ref, `metadata.labels['${label}']`, value));
        }
      }
      for (const slice of n.slices) {
        if (slice.sharedCounters || slice.devices.some(d => d.consumesCounters || d.allowMultipleAllocations)) {
          list.push(evidence(`${n.node.name}: ResourceSlice ${slice.name} offers partitionable or shareable devices`, { apiVersion: 'resource.k8s.io/v1', kind: 'ResourceSlice', name: slice.name }, 'spec.sharedCounters / devices[].allowMultipleAllocations'));
        }
      }
    }
    const classes = requireFact(facts, 'deviceClasses');
    for (const c of classes) {
      if (inventory.vendors.some(v => v.sharingDeviceClasses.includes(c.name))) {
        list.push(evidence(`DeviceClass ${c.name} hands out accelerator partitions`, { apiVersion: c.apiVersion, kind: 'DeviceClass', name: c.name }));
      }
    }
    if (list.length === 0) {
      return outcome(
        'fail',
        `No sharing mechanism is exposed on the ${shareable.length} shareable accelerator node(s): no partition resources, no time-slicing/MPS labels and no shareable DRA devices.`,
      );
    }
    return outcome('pass', `Accelerator sharing is exposed (${list.length} signal(s)).`, capEvidence(list));
  },
};
