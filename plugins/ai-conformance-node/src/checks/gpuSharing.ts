import { Evidence } from '@internal/plugin-ai-conformance-common';
import { ResourceSliceFact, SliceDeviceFact } from '../gather/factTypes';
import { describeUnrecognised } from '../vendors/detectAccelerators';
import { devicesSelectedBy } from '../vendors/deviceClassSelector';
import {
  ON_DEMAND_FACTS,
  acceleratorInventory,
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

/** A DRA device that is a partition or a share: consumes shared counters, allows several allocations, or is a MIG device. */
export function isShareableDevice(
  slice: ResourceSliceFact,
  device: SliceDeviceFact,
): boolean {
  return (
    slice.sharedCounters ||
    device.consumesCounters ||
    device.allowMultipleAllocations ||
    String(
      device.attributes.type ?? device.attributes[`${slice.driver}/type`] ?? '',
    ) === 'mig'
  );
}

const sliceRef = (s: ResourceSliceFact) => ({
  apiVersion: 'resource.k8s.io/v1',
  kind: 'ResourceSlice',
  name: s.name,
});

/**
 * `gpu_sharing`: partitions or shares of accelerators are published for workloads to request:
 * partition resources or time-slicing/MPS replicas in node allocatable, or partitionable /
 * shareable devices in ResourceSlices. Sharing configuration (labels such as `mig.strategy`,
 * default DeviceClasses) is reported but never counted.
 *
 * @public
 */
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
        return outcome(
          'unknown',
          `Accelerators not covered by a vendor profile were found (${describeUnrecognised(
            inventory.unrecognised,
          )}); check their sharing support manually.`,
        );
      }
      return outcome(
        'not-applicable',
        `The accelerators present (${inventory.vendors
          .map(v => v.displayName)
          .join(', ')}) do not support static sharing.`,
      );
    }
    const published: Evidence[] = [];
    const configured: Evidence[] = [];
    const shareableDevices = new Set<SliceDeviceFact>();
    for (const n of shareable) {
      const ref = { apiVersion: 'v1', kind: 'Node', name: n.node.name };
      for (const [name, count] of Object.entries(n.partitions)) {
        published.push(
          evidence(
            `${n.node.name}: ${count} × ${name} (partition resource)`,
            ref,
            `status.allocatable['${name}']`,
            count,
          ),
        );
      }
      for (const name of n.vendor.sharedResources ?? []) {
        const count = Number.parseInt(n.node.allocatable[name] ?? '0', 10);
        if (count > 0)
          published.push(
            evidence(
              `${n.node.name}: ${count} × ${name} (shared accelerator resource)`,
              ref,
              `status.allocatable['${name}']`,
              count,
            ),
          );
      }
      for (const label of n.vendor.sharedReplicaLabels ?? []) {
        const replicas = Number.parseInt(n.node.labels[label] ?? '', 10);
        if (replicas > 1 && n.allocatable > 0) {
          published.push(
            evidence(
              `${n.node.name}: each accelerator is advertised ${replicas} times (${label}), ${n.allocatable} allocatable`,
              ref,
              `metadata.labels['${label}']`,
              replicas,
            ),
          );
        }
      }
      for (const slice of n.slices) {
        const devices = slice.devices.filter(d => isShareableDevice(slice, d));
        devices.forEach(d => shareableDevices.add(d));
        if (devices.length) {
          published.push(
            evidence(
              `${n.node.name}: ResourceSlice ${slice.name} publishes ${devices.length} partitionable or shareable device(s)`,
              sliceRef(slice),
              'spec.sharedCounters / devices[].consumesCounters / allowMultipleAllocations / attributes.type',
            ),
          );
        }
      }
      for (const [label, values] of Object.entries(n.vendor.sharingLabels)) {
        const value = n.node.labels[label];
        if (
          value &&
          value !== 'none' &&
          value !== 'false' &&
          (values.length === 0 || values.includes(value))
        ) {
          configured.push(
            evidence(
              `${n.node.name}: ${label}=${value} (configuration only)`,
              ref,
              `metadata.labels['${label}']`,
              value,
            ),
          );
        }
      }
    }
    const slices = requireFact(facts, 'resourceSlices');
    for (const c of requireFact(facts, 'deviceClasses')) {
      const selected = devicesSelectedBy(c, slices)?.filter(({ device }) =>
        shareableDevices.has(device),
      );
      if (selected?.length) {
        published.push(
          evidence(
            `DeviceClass ${c.name} selects ${selected.length} published partition(s) or share(s)`,
            { apiVersion: c.apiVersion, kind: 'DeviceClass', name: c.name },
            'spec.selectors',
          ),
        );
      }
    }
    if (published.length === 0) {
      return outcome(
        'fail',
        `No accelerator partition or share is published on the ${
          shareable.length
        } shareable accelerator node(s): no partition or shared resources in allocatable, no time-slicing/MPS replicas, no partitionable or shareable DRA devices${
          configured.length
            ? ' (sharing labels are set, but nothing is advertised)'
            : ''
        }.`,
        capEvidence(configured),
      );
    }
    return outcome(
      'pass',
      `Accelerator partitions or shares are published (${published.length} signal(s)).`,
      capEvidence([...published, ...configured]),
    );
  },
};
