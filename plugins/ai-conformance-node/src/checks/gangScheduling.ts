import { Evidence } from '@internal/plugin-ai-conformance-common';
import { KubeObject } from '../cluster/ClusterReader';
import { conditionTrue, reduceConditions } from '../gather/reduce';
import {
  ControllerIdentity,
  KNOWN_CONTROLLERS,
  findControllers,
} from './controllers';
import { servedApiVersion, workloadRef } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  optionalFact,
  outcome,
  requireFact,
} from './RequirementCheck';

/** Gang scheduling solutions: their API and how their controller is recognised. */
const SOLUTIONS: Array<{
  name: string;
  group: string;
  resource: string;
  controller: ControllerIdentity;
}> = [
  {
    name: 'Kueue',
    group: 'kueue.x-k8s.io',
    resource: 'clusterqueues',
    controller: KNOWN_CONTROLLERS.kueue,
  },
  {
    name: 'Volcano',
    group: 'scheduling.volcano.sh',
    resource: 'podgroups',
    controller: KNOWN_CONTROLLERS.volcano,
  },
  {
    name: 'KAI Scheduler',
    group: 'scheduling.run.ai',
    resource: 'podgroups',
    controller: KNOWN_CONTROLLERS.kaiScheduler,
  },
  {
    name: 'coscheduling plugin',
    group: 'scheduling.x-k8s.io',
    resource: 'podgroups',
    controller: KNOWN_CONTROLLERS.coscheduling,
  },
];

function kueueActiveQueues(queues: KubeObject[]): KubeObject[] {
  return queues.filter(q =>
    conditionTrue(reduceConditions((q as any).status?.conditions), 'Active'),
  );
}

/**
 * `gang_scheduling`: a gang scheduler's API is served and its controller (recognised by image or
 * labels, never by name) is Available; for Kueue a ClusterQueue is Active.
 *
 * @public
 */
export const gangScheduling: RequirementCheck = {
  id: 'gang_scheduling',
  reads: [
    'deployments',
    'kueueClusterQueues',
    'kueueLocalQueues',
    'volcanoQueues',
  ],
  evaluate(facts): CheckOutcome {
    const installed = SOLUTIONS.map(s => ({
      ...s,
      apiVersion: servedApiVersion(facts, s.group, s.resource),
    })).filter(s => s.apiVersion);
    if (installed.length === 0) {
      return outcome(
        'fail',
        'No gang scheduling solution is installed (looked for Kueue, Volcano, KAI Scheduler and the coscheduling plugin).',
        [
          evidence(
            'API discovery lists none of kueue.x-k8s.io, scheduling.volcano.sh, scheduling.run.ai, scheduling.x-k8s.io',
            undefined,
            'discovery',
          ),
        ],
      );
    }
    const deployments = requireFact(facts, 'deployments');
    const list: Evidence[] = [];
    const working: string[] = [];
    const problems: string[] = [];
    for (const s of installed) {
      list.push(
        evidence(
          `${s.name} API ${s.apiVersion} (${s.resource}) is served`,
          undefined,
          'discovery',
        ),
      );
      const controllers = findControllers(deployments, s.controller);
      const available = controllers.filter(c => c.available);
      for (const c of controllers) {
        list.push(
          evidence(
            `${s.name} controller ${c.namespace}/${c.name}: ${c.ready}/${c.desired} ready`,
            workloadRef(c),
            'status.conditions[Available]',
            c.available,
          ),
        );
      }
      if (available.length === 0) {
        problems.push(
          controllers.length
            ? `the ${s.name} controller is not Available`
            : `no ${s.name} controller Deployment was found`,
        );
        continue;
      }
      if (s.name === 'Kueue') {
        const clusterQueues = requireFact(facts, 'kueueClusterQueues');
        // Supplementary: only a count beside the decisive ClusterQueues (see README, Refused reads).
        const localQueues = optionalFact(facts, 'kueueLocalQueues') ?? [];
        const active = kueueActiveQueues(clusterQueues);
        for (const q of clusterQueues) {
          const isActive = active.includes(q);
          list.push(
            evidence(
              `ClusterQueue ${q.metadata?.name} is ${
                isActive ? 'Active' : 'not Active'
              }`,
              {
                apiVersion: q.apiVersion,
                kind: 'ClusterQueue',
                name: q.metadata?.name ?? '',
              },
              'status.conditions[Active]',
              isActive,
            ),
          );
        }
        list.push(
          evidence(
            `${localQueues.length} LocalQueue(s)`,
            undefined,
            'kueue.x-k8s.io/localqueues',
            localQueues.length,
          ),
        );
        if (active.length === 0) {
          problems.push(
            'Kueue runs but no ClusterQueue is Active, so no workload can be admitted',
          );
          continue;
        }
      }
      working.push(s.name);
    }
    if (working.length) {
      return outcome(
        'pass',
        `${working.join(', ')} ${
          working.length > 1 ? 'are' : 'is'
        } installed and running.`,
        capEvidence(list),
      );
    }
    return outcome(
      'fail',
      `A gang scheduler is installed but not operational: ${problems.join(
        '; ',
      )}.`,
      capEvidence(list),
    );
  },
};
