import { Evidence } from '@internal/plugin-ai-conformance-common';
import { describeUnrecognised } from '../vendors/detectAccelerators';
import {
  ON_DEMAND_FACTS,
  acceleratorInventory,
  withoutRecognisedAccelerators,
  findWorkloads,
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

/** `accelerator_metrics`: each vendor's metrics exporter is ready on its accelerator nodes. @public */
export const acceleratorMetrics: RequirementCheck = {
  id: 'accelerator_metrics',
  reads: ['nodes', 'resourceSlices', ...ON_DEMAND_FACTS],
  evaluate(facts, context): CheckOutcome {
    const inventory = acceleratorInventory(facts, context);
    const gate = withoutRecognisedAccelerators(facts, context, inventory, {
      verifyManually: 'provide metrics evidence manually',
      notApplicable:
        'The cluster has no accelerator nodes, so there are no accelerator metrics to expose.',
    });
    if (gate) return gate;
    const daemonSets = requireFact(facts, 'daemonSets');
    const list: Evidence[] = [];
    const missing: string[] = [];
    const undecided: string[] = [];
    for (const vendor of inventory.vendors) {
      const nodes = inventory.nodes.filter(n => n.vendor === vendor).length;
      const exporters = findWorkloads(daemonSets, vendor.metricsExporters);
      for (const e of exporters) {
        list.push(
          evidence(
            `${vendor.displayName} metrics exporter ${e.namespace}/${e.name}: ${e.ready}/${e.desired} ready (${nodes} accelerator node(s))`,
            workloadRef(e),
            'status.numberReady',
            e.ready,
          ),
        );
      }
      const ready = exporters.filter(e => e.ready > 0);
      if (ready.length === 0) {
        (vendor.managedMetricsOnly ? undecided : missing).push(
          vendor.displayName,
        );
      } else if (ready.reduce((n, e) => n + e.ready, 0) < nodes) {
        missing.push(
          `${vendor.displayName} (exporter ready on fewer pods than the ${nodes} accelerator node(s))`,
        );
      }
    }
    if (missing.length) {
      return outcome(
        'fail',
        `No ready metrics exporter for ${missing.join('; ')}.`,
        capEvidence(list),
      );
    }
    if (undecided.length) {
      return outcome(
        'unknown',
        `${undecided.join(
          ', ',
        )} metrics are usually collected by a managed cloud service that the Kubernetes API does not show; provide evidence manually.`,
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
      `A metrics exporter is ready for every accelerator vendor present.${suffix}`,
      capEvidence(list),
    );
  },
};
