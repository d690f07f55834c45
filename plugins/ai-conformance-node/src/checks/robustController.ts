import { Evidence } from '@internal/plugin-ai-conformance-common';
import { findWorkloads, servedApiVersion, workloadRef } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

/** Known AI operators: a CRD that identifies them and their controller name fragments. */
export const AI_OPERATORS: ReadonlyArray<{ name: string; group: string; resource: string; controllers: string[] }> = [
  { name: 'KubeRay', group: 'ray.io', resource: 'rayclusters', controllers: ['kuberay-operator', 'kuberay'] },
  { name: 'Kubeflow Trainer', group: 'trainer.kubeflow.org', resource: 'trainjobs', controllers: ['kubeflow-trainer', 'trainer-controller-manager'] },
  { name: 'Kubeflow training-operator', group: 'kubeflow.org', resource: 'pytorchjobs', controllers: ['training-operator'] },
  { name: 'KServe', group: 'serving.kserve.io', resource: 'inferenceservices', controllers: ['kserve-controller-manager', 'kserve'] },
  { name: 'NVIDIA NIM Operator', group: 'apps.nvidia.com', resource: 'nimservices', controllers: ['nim-operator', 'k8s-nim-operator'] },
  { name: 'NVIDIA Dynamo', group: 'nvidia.com', resource: 'dynamographdeployments', controllers: ['dynamo-operator', 'dynamo-platform'] },
  { name: 'JobSet', group: 'jobset.x-k8s.io', resource: 'jobsets', controllers: ['jobset-controller-manager', 'jobset'] },
  { name: 'LeaderWorkerSet', group: 'leaderworkerset.x-k8s.io', resource: 'leaderworkersets', controllers: ['lws-controller-manager', 'lws'] },
];

/** `robust_controller`: a known AI operator's API is served, its controller runs, its webhooks are wired. @public */
export const robustController: RequirementCheck = {
  id: 'robust_controller',
  reads: ['deployments', 'webhookConfigurations'],
  evaluate(facts): CheckOutcome {
    const installed = AI_OPERATORS.map(o => ({ ...o, apiVersion: servedApiVersion(facts, o.group, o.resource) })).filter(o => o.apiVersion);
    if (installed.length === 0) {
      return outcome('fail', `No known AI operator is installed (looked for ${AI_OPERATORS.map(o => o.name).join(', ')}).`);
    }
    const deployments = requireFact(facts, 'deployments');
    const webhooks = requireFact(facts, 'webhookConfigurations');
    const list: Evidence[] = [];
    const healthy: string[] = [];
    const problems: string[] = [];
    for (const op of installed) {
      list.push(evidence(`${op.name} API ${op.apiVersion} (${op.resource}) is served`, undefined, 'discovery'));
      const controllers = findWorkloads(deployments, op.controllers);
      for (const c of controllers) {
        list.push(evidence(`${op.name} controller ${c.namespace}/${c.name}: ${c.ready}/${c.desired} ready`, workloadRef(c), 'status.conditions[Available]', c.available));
      }
      const hooks = webhooks.flatMap(w => w.webhooks.filter(h => h.apiGroups.includes(op.group) || h.apiGroups.includes('*')).map(h => ({ w, h })));
      for (const { w, h } of hooks) {
        list.push(evidence(`${w.kind} ${w.name} webhook ${h.name} ${h.hasCaBundle || h.url ? 'has a CA bundle' : 'has no CA bundle'}`, { apiVersion: 'admissionregistration.k8s.io/v1', kind: w.kind, name: w.name }, 'webhooks[].clientConfig.caBundle', h.hasCaBundle));
      }
      if (!controllers.some(c => c.available)) {
        problems.push(controllers.length ? `${op.name} controller is not Available` : `no ${op.name} controller Deployment found`);
        continue;
      }
      if (hooks.some(({ h }) => h.service && !h.hasCaBundle)) {
        problems.push(`${op.name} has a webhook without a CA bundle, so admission calls fail`);
        continue;
      }
      healthy.push(hooks.length ? `${op.name} (controller Available, ${hooks.length} webhook(s))` : `${op.name} (controller Available)`);
    }
    if (healthy.length) {
      return outcome('pass', `AI operator running: ${healthy.join(', ')}.`, capEvidence(list));
    }
    return outcome('fail', `AI operators are installed but not healthy: ${problems.join('; ')}.`, capEvidence(list));
  },
};
