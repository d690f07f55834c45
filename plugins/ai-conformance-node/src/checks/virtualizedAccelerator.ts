import { Evidence } from '@internal/plugin-ai-conformance-common';
import { ResourceSliceFact, SliceDeviceFact } from '../gather/factTypes';
import { describeUnrecognised } from '../vendors/detectAccelerators';
import { VendorProfile } from '../vendors/VendorProfile';
import { devicesSelectedBy } from '../vendors/deviceClassSelector';
import {
  ON_DEMAND_FACTS,
  acceleratorInventory,
  serves,
  withoutRecognisedAccelerators,
} from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

const VIRTUAL_DEVICE_TYPES = new Set(['vfio', 'vgpu']);

function attribute(
  slice: ResourceSliceFact,
  device: SliceDeviceFact,
  name: string,
): string {
  return String(
    device.attributes[name] ??
      device.attributes[`${slice.driver}/${name}`] ??
      '',
  );
}

/** A passthrough (`vfio`) or virtual (`vgpu`) device type, or a vendor's virtual-GPU attribute. */
function isVirtualDevice(
  slice: ResourceSliceFact,
  device: SliceDeviceFact,
  vendor?: VendorProfile,
): boolean {
  if (VIRTUAL_DEVICE_TYPES.has(attribute(slice, device, 'type'))) return true;
  return Object.entries(vendor?.virtualDeviceAttributes ?? {}).some(
    ([name, prefixes]) => {
      const value = attribute(slice, device, name);
      return prefixes.some(p => value.startsWith(p));
    },
  );
}

/**
 * `virtualized_accelerator`: virtual accelerators are published like physical ones: a node the
 * vendor marks as a virtual accelerator (vGPU guest) that publishes the accelerators, or DRA
 * devices of a virtual or passthrough type. A DeviceClass counts only if it selects such a
 * published device; an installed KubeVirt alone is not proof.
 *
 * @public
 */
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
    const virtualDevices = new Set<SliceDeviceFact>();
    for (const n of inventory.nodes) {
      const ref = { apiVersion: 'v1', kind: 'Node', name: n.node.name };
      const publishes =
        n.allocatable > 0 ||
        Object.keys(n.partitions).length > 0 ||
        n.slices.length > 0;
      for (const label of n.vendor.virtualizationLabels) {
        if (n.node.labels[label] === 'true' && publishes) {
          list.push(
            evidence(
              `${n.node.name}: ${label}=true and the node publishes its ${n.vendor.displayName} accelerators`,
              ref,
              `metadata.labels['${label}']`,
              'true',
            ),
          );
        }
      }
      for (const slice of n.slices) {
        const virtual = slice.devices.filter(d =>
          isVirtualDevice(slice, d, n.vendor),
        );
        virtual.forEach(d => virtualDevices.add(d));
        if (virtual.length) {
          list.push(
            evidence(
              `${n.node.name}: ${virtual.length} virtual/passthrough device(s) in ResourceSlice ${slice.name}`,
              {
                apiVersion: 'resource.k8s.io/v1',
                kind: 'ResourceSlice',
                name: slice.name,
              },
              'devices[].attributes (type, brand)',
            ),
          );
        }
      }
    }
    const slices = requireFact(facts, 'resourceSlices');
    for (const c of requireFact(facts, 'deviceClasses')) {
      const selected = devicesSelectedBy(c, slices)?.filter(({ device }) =>
        virtualDevices.has(device),
      );
      if (selected?.length) {
        list.push(
          evidence(
            `DeviceClass ${c.name} selects ${selected.length} published virtual or passthrough device(s)`,
            { apiVersion: c.apiVersion, kind: 'DeviceClass', name: c.name },
            'spec.selectors',
          ),
        );
      }
    }
    if (list.length) {
      return outcome(
        'pass',
        'Virtualized accelerators are published through the same resource APIs as physical ones.',
        capEvidence(list),
      );
    }
    const kubevirt = serves(facts, 'kubevirt.io', 'virtualmachines')
      ? ' KubeVirt is installed, but no node publishes a virtual or passthrough accelerator.'
      : '';
    const unrecognised = inventory.unrecognised.length
      ? ` Unrecognised accelerators: ${describeUnrecognised(
          inventory.unrecognised,
        )}.`
      : '';
    return outcome(
      'unknown',
      `No published virtualized accelerator was found. On bare-metal accelerators this requirement is N/A; otherwise provide evidence manually.${kubevirt}${unrecognised}`,
    );
  },
};
