import { Evidence } from '@internal/plugin-ai-conformance-common';
import { PodFact } from '../gather/factTypes';
import { classifyPod, owningWorkload } from '../platform/classifyPod';
import { DeviceBypass, deviceBypasses } from '../platform/deviceBypass';
import { INFRASTRUCTURE_AGENTS } from '../platform/infrastructureAgents';
import { describeUnrecognised } from '../vendors/detectAccelerators';
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

const podRef = (p: PodFact) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  name: p.name,
  namespace: p.namespace,
});
const WORKLOAD_KINDS = new Set(['DaemonSet', 'Deployment', 'StatefulSet']);
const describe = (list: DeviceBypass[]) => list.map(b => b.detail).join('; ');

/**
 * `secure_accelerator_access`: devices are mediated (device plugin or DRA) and no workload pod
 * reaches them around the mediation. Platform pods (vendor components, infrastructure agents,
 * static pods) are told apart by owner and image, never by namespace; a weak signal gives
 * `unknown`, never `fail`.
 *
 * @public
 */
export const secureAcceleratorAccess: RequirementCheck = {
  id: 'secure_accelerator_access',
  reads: ['nodes', 'resourceSlices', 'pods', ...ON_DEMAND_FACTS],
  evaluate(facts, context): CheckOutcome {
    const inventory = acceleratorInventory(facts, context);
    const gate = withoutRecognisedAccelerators(facts, context, inventory, {
      verifyManually: 'verify isolation manually',
      notApplicable:
        'The cluster has no accelerator nodes, so there is no accelerator access to isolate.',
    });
    if (gate) return gate;
    const list: Evidence[] = [];
    const unmediated = inventory.nodes.filter(
      n =>
        n.allocatable === 0 &&
        Object.keys(n.partitions).length === 0 &&
        n.slices.length === 0,
    );
    for (const n of inventory.nodes
      .filter(x => !unmediated.includes(x))
      .slice(0, 5)) {
      list.push(
        evidence(
          `${n.node.name}: ${n.vendor.displayName} mediated by ${
            n.slices.length
              ? `DRA driver ${n.slices[0].driver}`
              : 'a device plugin (extended resource)'
          }`,
          { apiVersion: 'v1', kind: 'Node', name: n.node.name },
          n.slices.length ? 'ResourceSlice' : 'status.allocatable',
        ),
      );
    }
    const pods = requireFact(facts, 'pods');
    const catalog = {
      vendors: context.vendors,
      agents: context.infrastructureAgents ?? INFRASTRUCTURE_AGENTS,
    };
    const vendorsByNode = new Map<string, (typeof context.vendors)[number][]>();
    for (const n of inventory.nodes) {
      vendorsByNode.set(n.node.name, [
        ...(vendorsByNode.get(n.node.name) ?? []),
        n.vendor,
      ]);
    }
    const bypassing: Evidence[] = [];
    const undecided: Evidence[] = [];
    // platform pods are reported once per owning workload, not per node
    const platform = new Map<
      string,
      {
        count: number;
        first: PodFact;
        detail: string;
        by: string;
        field: string;
      }
    >();
    for (const p of pods) {
      const nodeVendors = p.nodeName
        ? vendorsByNode.get(p.nodeName)
        : undefined;
      if (!nodeVendors) continue;
      const found = deviceBypasses(p, nodeVendors, context.vendors);
      if (!found.length) continue;
      const role = classifyPod(
        p,
        [...new Set(found.flatMap(b => b.containers))],
        catalog,
      );
      const where = `Pod ${p.namespace}/${p.name} on accelerator node ${p.nodeName}`;
      const field = found[0].field;
      if (role.role === 'platform') {
        const owner = owningWorkload(p);
        const key = `${p.namespace}/${
          owner ? `${owner.kind}/${owner.name}` : p.name
        }`;
        const seen = platform.get(key);
        if (seen) seen.count++;
        else
          platform.set(key, {
            count: 1,
            first: p,
            detail: describe(found),
            by: role.by,
            field,
          });
      } else if (role.role === 'uncertain') {
        undecided.push(
          evidence(
            `${where} ${describe(found)}; it may be a platform agent (${
              role.why
            })`,
            podRef(p),
            field,
          ),
        );
      } else if (found.some(b => b.strength === 'strong')) {
        bypassing.push(
          evidence(
            `${where} ${describe(found.filter(b => b.strength === 'strong'))}`,
            podRef(p),
            field,
          ),
        );
      } else {
        undecided.push(
          evidence(`${where} ${describe(found)}`, podRef(p), field),
        );
      }
    }
    const platformEvidence = [...platform.values()].map(
      ({ count, first, detail, by, field }) => {
        const owner = owningWorkload(first);
        const ref =
          owner && WORKLOAD_KINDS.has(owner.kind)
            ? {
                apiVersion: 'apps/v1',
                kind: owner.kind,
                name: owner.name,
                namespace: first.namespace,
              }
            : podRef(first);
        return evidence(
          `${count} pod(s) of ${
            owner
              ? `${owner.kind} ${first.namespace}/${owner.name}`
              : `${first.namespace}/${first.name}`
          } on accelerator nodes (${detail}) are platform: ${by}`,
          ref,
          field,
        );
      },
    );
    if (unmediated.length) {
      return outcome(
        'fail',
        `${
          unmediated.length
        } accelerator node(s) expose no device plugin resource and no DRA devices, so access is not mediated by Kubernetes (${unmediated
          .slice(0, 5)
          .map(n => n.node.name)
          .join(', ')}).`,
        capEvidence([...list, ...bypassing]),
      );
    }
    if (bypassing.length) {
      return outcome(
        'fail',
        `${bypassing.length} workload pod(s) on accelerator nodes bypass device mediation (privileged, host device mounts or a runtime visible-devices variable without an accelerator request).`,
        capEvidence([...bypassing, ...undecided, ...list]),
      );
    }
    if (undecided.length) {
      return outcome(
        'unknown',
        `Devices are mediated, but ${undecided.length} pod(s) on accelerator nodes may reach devices around it and cannot be told apart from platform agents (or depend on runtime settings the API does not show); review them or add the agent to the infrastructure-agent list.`,
        capEvidence([...undecided, ...list, ...platformEvidence]),
      );
    }
    const suffix = inventory.unrecognised.length
      ? ` Unrecognised accelerators (${describeUnrecognised(
          inventory.unrecognised,
        )}) were not checked.`
      : '';
    const platformPods = [...platform.values()].reduce(
      (n, x) => n + x.count,
      0,
    );
    const platformNote = platformPods
      ? ` ${platformPods} platform pod(s) of ${platform.size} workload(s) with device access were identified by owner and image.`
      : '';
    return outcome(
      'pass',
      `Accelerators on ${inventory.nodes.length} node(s) are mediated by a device plugin or DRA and no workload pod bypasses it.${platformNote} The isolation itself is proven only by the active test.${suffix}`,
      capEvidence([...list, ...platformEvidence]),
    );
  },
};
