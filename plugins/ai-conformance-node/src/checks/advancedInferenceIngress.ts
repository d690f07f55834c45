import { Evidence } from '@internal/plugin-ai-conformance-common';
import { serves } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

const GAIE_GROUPS = ['inference.networking.k8s.io', 'inference.networking.x-k8s.io'];

/** `advanced_inference_ingress`: the Gateway API Inference Extension routes to InferencePools. @public */
export const advancedInferenceIngress: RequirementCheck = {
  id: 'advanced_inference_ingress',
  reads: ['inferencePools', 'httpRoutes'],
  evaluate(facts): CheckOutcome {
    const groups = GAIE_GROUPS.filter(g => serves(facts, g, 'inferencepools'));
    if (groups.length === 0) {
      return outcome('fail', 'The Gateway API Inference Extension (InferencePool API) is not installed.', [
        evidence('API discovery lists no inferencepools in inference.networking.k8s.io or inference.networking.x-k8s.io', undefined, 'discovery'),
      ]);
    }
    const pools = requireFact(facts, 'inferencePools');
    const routes = requireFact(facts, 'httpRoutes');
    const list: Evidence[] = groups.map(g => evidence(`${g} serves inferencepools`, undefined, 'discovery'));
    for (const p of pools) {
      list.push(evidence(`InferencePool ${p.namespace}/${p.name} ${p.accepted ? 'is Accepted by a Gateway' : 'is not Accepted'}${p.hasEndpointPicker ? ', has an endpoint picker' : ''}`, { apiVersion: p.apiVersion, kind: 'InferencePool', name: p.name, namespace: p.namespace }, 'status.parents[].conditions[Accepted]', p.accepted));
    }
    const routed = routes.filter(r => r.backendRefs.some(b => b.kind === 'InferencePool'));
    for (const r of routed) {
      list.push(evidence(`HTTPRoute ${r.namespace}/${r.name} routes to an InferencePool`, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', name: r.name, namespace: r.namespace }, 'spec.rules[].backendRefs[kind=InferencePool]'));
    }
    if (pools.some(p => p.accepted) || (routed.length > 0 && pools.length > 0)) {
      return outcome('pass', `The Inference Extension is installed and ${pools.length} InferencePool(s) are routed by a Gateway.`, capEvidence(list));
    }
    return outcome(
      'unknown',
      'The InferencePool API is installed, but no InferencePool is routed by a Gateway yet; deploy a model behind one or provide the GAIE conformance report.',
      capEvidence(list),
    );
  },
};
