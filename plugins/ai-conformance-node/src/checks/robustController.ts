import { Evidence } from '@internal/plugin-ai-conformance-common';
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
  outcome,
  requireFact,
} from './RequirementCheck';

/** Known AI operators: a CRD that identifies them and how their controller is recognised. */
export const AI_OPERATORS: ReadonlyArray<{
  name: string;
  group: string;
  resource: string;
  controller: ControllerIdentity;
}> = [
  {
    name: 'KubeRay',
    group: 'ray.io',
    resource: 'rayclusters',
    controller: KNOWN_CONTROLLERS.kuberay,
  },
  {
    name: 'Kubeflow Trainer',
    group: 'trainer.kubeflow.org',
    resource: 'trainjobs',
    controller: KNOWN_CONTROLLERS.kubeflowTrainer,
  },
  {
    name: 'Kubeflow training-operator',
    group: 'kubeflow.org',
    resource: 'pytorchjobs',
    controller: KNOWN_CONTROLLERS.trainingOperator,
  },
  {
    name: 'KServe',
    group: 'serving.kserve.io',
    resource: 'inferenceservices',
    controller: KNOWN_CONTROLLERS.kserve,
  },
  {
    name: 'NVIDIA NIM Operator',
    group: 'apps.nvidia.com',
    resource: 'nimservices',
    controller: KNOWN_CONTROLLERS.nimOperator,
  },
  {
    name: 'NVIDIA Dynamo',
    group: 'nvidia.com',
    resource: 'dynamographdeployments',
    controller: KNOWN_CONTROLLERS.dynamo,
  },
  {
    name: 'JobSet',
    group: 'jobset.x-k8s.io',
    resource: 'jobsets',
    controller: KNOWN_CONTROLLERS.jobset,
  },
  {
    name: 'LeaderWorkerSet',
    group: 'leaderworkerset.x-k8s.io',
    resource: 'leaderworkersets',
    controller: KNOWN_CONTROLLERS.lws,
  },
];

/**
 * `robust_controller`: a known AI operator's API is served, its controller (recognised by image
 * or labels, never by name) is Available, and each of its service webhooks has a CA bundle and
 * ready endpoints behind its Service.
 *
 * @public
 */
export const robustController: RequirementCheck = {
  id: 'robust_controller',
  reads: ['deployments', 'webhookConfigurations', 'serviceEndpoints'],
  evaluate(facts): CheckOutcome {
    const installed = AI_OPERATORS.map(o => ({
      ...o,
      apiVersion: servedApiVersion(facts, o.group, o.resource),
    })).filter(o => o.apiVersion);
    if (installed.length === 0) {
      return outcome(
        'fail',
        `No known AI operator is installed (looked for ${AI_OPERATORS.map(
          o => o.name,
        ).join(', ')}).`,
      );
    }
    const deployments = requireFact(facts, 'deployments');
    const webhooks = requireFact(facts, 'webhookConfigurations');
    const endpoints = requireFact(facts, 'serviceEndpoints');
    const readyBehind = (service: { namespace: string; name: string }) =>
      endpoints.find(
        e => e.namespace === service.namespace && e.name === service.name,
      )?.ready ?? 0;
    const list: Evidence[] = [];
    const healthy: string[] = [];
    const problems: string[] = [];
    for (const op of installed) {
      list.push(
        evidence(
          `${op.name} API ${op.apiVersion} (${op.resource}) is served`,
          undefined,
          'discovery',
        ),
      );
      const controllers = findControllers(deployments, op.controller);
      for (const c of controllers) {
        list.push(
          evidence(
            `${op.name} controller ${c.namespace}/${c.name}: ${c.ready}/${c.desired} ready`,
            workloadRef(c),
            'status.conditions[Available]',
            c.available,
          ),
        );
      }
      const hooks = webhooks.flatMap(w =>
        w.webhooks
          .filter(
            h => h.apiGroups.includes(op.group) || h.apiGroups.includes('*'),
          )
          .map(h => ({ w, h })),
      );
      for (const { w, h } of hooks) {
        const ref = {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: w.kind,
          name: w.name,
        };
        list.push(
          evidence(
            `${w.kind} ${w.name} webhook ${h.name} ${
              h.hasCaBundle || h.url ? 'has a CA bundle' : 'has no CA bundle'
            }`,
            ref,
            'webhooks[].clientConfig.caBundle',
            h.hasCaBundle,
          ),
        );
        if (h.service) {
          const ready = readyBehind(h.service);
          list.push(
            evidence(
              `webhook ${h.name}: Service ${h.service.namespace}/${h.service.name} has ${ready} ready endpoint(s)`,
              ref,
              'webhooks[].clientConfig.service',
              ready,
            ),
          );
        }
      }
      if (!controllers.some(c => c.available)) {
        problems.push(
          controllers.length
            ? `${op.name} controller is not Available`
            : `no ${op.name} controller Deployment found`,
        );
        continue;
      }
      if (hooks.some(({ h }) => h.service && !h.hasCaBundle)) {
        problems.push(
          `${op.name} has a webhook without a CA bundle, so admission calls fail`,
        );
        continue;
      }
      const unserved = hooks.filter(
        ({ h }) => h.service && readyBehind(h.service) === 0,
      );
      if (unserved.length) {
        problems.push(
          `${op.name} webhook ${
            unserved[0].h.name
          } has no ready endpoint behind Service ${
            unserved[0].h.service!.namespace
          }/${
            unserved[0].h.service!.name
          }, so admission calls fail or are skipped`,
        );
        continue;
      }
      healthy.push(
        hooks.length
          ? `${op.name} (controller Available, ${hooks.length} webhook(s))`
          : `${op.name} (controller Available)`,
      );
    }
    if (healthy.length) {
      return outcome(
        'pass',
        `AI operator running: ${healthy.join(', ')}.`,
        capEvidence(list),
      );
    }
    return outcome(
      'fail',
      `AI operators are installed but not healthy: ${problems.join('; ')}.`,
      capEvidence(list),
    );
  },
};
