import { findGroup, findResource } from '../cluster/discovery';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

const DRA_RESOURCES = [
  'deviceclasses',
  'resourceclaims',
  'resourceclaimtemplates',
  'resourceslices',
];

/** Versions of resource.k8s.io that satisfy each checklist: DRA went GA (v1) in 1.34. */
function acceptedVersions(checklistVersion: string): string[] {
  return checklistVersion === '1.33' ? ['v1', 'v1beta2', 'v1beta1'] : ['v1'];
}

/** `dra_support`: the DRA API is served at the version the checklist expects. @public */
export const draSupport: RequirementCheck = {
  id: 'dra_support',
  reads: ['deviceClasses', 'resourceSlices'],
  evaluate(facts, context): CheckOutcome {
    const group = findGroup(facts.discovery, 'resource.k8s.io');
    if (!group) {
      return outcome(
        'fail',
        'The API server does not serve resource.k8s.io (Dynamic Resource Allocation).',
        [
          evidence(
            'API discovery lists no resource.k8s.io group',
            undefined,
            'discovery',
          ),
        ],
      );
    }
    const served = group.versions.map(v => v.version);
    const accepted = acceptedVersions(context.checklistVersion);
    const version = accepted.find(v => served.includes(v));
    if (!version) {
      return outcome(
        'fail',
        `resource.k8s.io is served only at ${served.join(', ')}; checklist ${
          context.checklistVersion
        } expects ${accepted.join(' or ')}.`,
        [
          evidence(
            `resource.k8s.io versions served: ${served.join(', ')}`,
            undefined,
            'discovery',
          ),
        ],
      );
    }
    const missing = DRA_RESOURCES.filter(
      r => !findResource(facts.discovery, 'resource.k8s.io', r, [version]),
    );
    if (missing.length) {
      return outcome(
        'fail',
        `resource.k8s.io/${version} is served but lacks ${missing.join(', ')}.`,
        [
          evidence(
            `resource.k8s.io/${version} misses ${missing.join(', ')}`,
            undefined,
            'discovery',
          ),
        ],
      );
    }
    const list = [
      evidence(
        `resource.k8s.io/${version} serves ${DRA_RESOURCES.join(', ')}`,
        undefined,
        'discovery',
      ),
    ];
    const classes = requireFact(facts, 'deviceClasses');
    const slices = requireFact(facts, 'resourceSlices');
    for (const c of classes) {
      list.push(
        evidence(`DeviceClass ${c.name}`, {
          apiVersion: c.apiVersion,
          kind: 'DeviceClass',
          name: c.name,
        }),
      );
    }
    const drivers = [...new Set(slices.map(s => s.driver))];
    for (const driver of drivers) {
      const own = slices.filter(s => s.driver === driver);
      list.push(
        evidence(
          `DRA driver ${driver} publishes ${own.reduce(
            (n, s) => n + s.devices.length,
            0,
          )} device(s) in ${own.length} ResourceSlice(s)`,
          {
            apiVersion: `resource.k8s.io/${version}`,
            kind: 'ResourceSlice',
            name: own[0].name,
          },
          'spec.driver',
          driver,
        ),
      );
    }
    const reason =
      slices.length > 0
        ? `DRA is served at resource.k8s.io/${version} and ${drivers.length} driver(s) publish devices.`
        : `DRA is served at resource.k8s.io/${version}; no driver publishes devices yet (API only).`;
    return outcome('pass', reason, capEvidence(list));
  },
};
