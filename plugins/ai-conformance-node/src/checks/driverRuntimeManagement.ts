import { Evidence } from '@internal/plugin-ai-conformance-common';
import {
  AcceleratorNode,
  describeUnrecognised,
} from '../vendors/detectAccelerators';
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
} from './RequirementCheck';

function attributeVersions(node: AcceleratorNode): string[] {
  const values = new Set<string>();
  for (const slice of node.slices) {
    for (const device of slice.devices) {
      for (const attr of node.vendor.driverVersionAttributes) {
        const v =
          device.attributes[attr] ??
          device.attributes[`${slice.driver}/${attr}`];
        if (v !== undefined) values.add(String(v));
      }
    }
  }
  return [...values];
}

/**
 * `driver_runtime_management`: accelerator nodes advertise driver and runtime versions. Devices
 * of one node reporting different driver versions fail; nodes without version metadata give
 * `unknown` (never `fail`). @public
 */
export const driverRuntimeManagement: RequirementCheck = {
  id: 'driver_runtime_management',
  reads: ['nodes', 'resourceSlices', ...ON_DEMAND_FACTS],
  evaluate(facts, context): CheckOutcome {
    const inventory = acceleratorInventory(facts, context);
    const gate = withoutRecognisedAccelerators(facts, context, inventory, {
      verifyManually: 'verify driver management manually',
      notApplicable: 'The cluster has no accelerator nodes.',
    });
    if (gate) return gate;
    const list: Evidence[] = [];
    const missing: string[] = [];
    for (const n of inventory.nodes) {
      const ref = { apiVersion: 'v1', kind: 'Node', name: n.node.name };
      const fromDra = attributeVersions(n);
      const label = n.vendor.driverVersionLabels.find(l => n.node.labels[l]);
      if (fromDra.length) {
        list.push(
          evidence(
            `${n.node.name}: ${n.vendor.displayName} driver ${fromDra.join(
              ', ',
            )} (DRA attributes)`,
            ref,
            'ResourceSlice devices[].attributes',
            fromDra.join(','),
          ),
        );
      } else if (label) {
        list.push(
          evidence(
            `${n.node.name}: ${n.vendor.displayName} driver ${n.node.labels[label]} (label)`,
            ref,
            `metadata.labels['${label}']`,
            n.node.labels[label],
          ),
        );
      } else {
        missing.push(n.node.name);
      }
      if (n.node.containerRuntimeVersion) {
        list.push(
          evidence(
            `${n.node.name}: container runtime ${n.node.containerRuntimeVersion}`,
            ref,
            'status.nodeInfo.containerRuntimeVersion',
            n.node.containerRuntimeVersion,
          ),
        );
      }
    }
    // NVIDIA publishes driverVersion and cudaDriverVersion: only a disagreement of one attribute counts.
    const disagreeing = inventory.nodes.filter(n =>
      n.vendor.driverVersionAttributes.some(attr => {
        const values = new Set(
          n.slices
            .flatMap(s => s.devices.map(d => d.attributes[attr]))
            .filter(v => v !== undefined)
            .map(String),
        );
        return values.size > 1;
      }),
    );
    if (disagreeing.length) {
      return outcome(
        'fail',
        `Devices on ${disagreeing
          .map(n => n.node.name)
          .join(
            ', ',
          )} report different driver versions; the driver is not consistently installed.`,
        capEvidence(list),
      );
    }
    if (missing.length) {
      // No version metadata is not evidence of a broken driver: some vendors publish none, and
      // upstream reports missing versions as a warning. Only an active check inside a pod can tell.
      const silentVendors = [
        ...new Set(
          inventory.nodes
            .filter(
              n =>
                missing.includes(n.node.name) &&
                n.vendor.driverVersionLabels.length === 0,
            )
            .map(n => n.vendor.displayName),
        ),
      ];
      const why = silentVendors.length
        ? ` ${silentVendors.join(', ')} publish${
            silentVendors.length === 1 ? 'es' : ''
          } no driver-version label (and no DRA driverVersion attribute was found)`
        : ' the version labels or DRA attributes are missing (for NVIDIA, GPU Feature Discovery publishes them)';
      return outcome(
        'unknown',
        `${missing.length} of ${
          inventory.nodes.length
        } accelerator node(s) advertise no driver version (${missing
          .slice(0, 5)
          .join(', ')}${
          missing.length > 5 ? ', …' : ''
        }):${why}; verify the driver and runtime versions manually.`,
        capEvidence(list),
      );
    }
    const suffix = inventory.unrecognised.length
      ? ` Unrecognised accelerators (${describeUnrecognised(
          inventory.unrecognised,
        )}) were not checked.`
      : '';
    return outcome(
      'pass',
      `All ${inventory.nodes.length} accelerator node(s) advertise their driver version.${suffix}`,
      capEvidence(list),
    );
  },
};
