import { Evidence } from '@internal/plugin-ai-conformance-common';
import { HttpRouteFact, InferencePoolFact } from '../gather/factTypes';
import { conditionCurrent } from '../gather/reduce';
import { serves } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

const GAIE_GROUPS = [
  'inference.networking.k8s.io',
  'inference.networking.x-k8s.io',
];

const poolRef = (p: InferencePoolFact) => ({
  apiVersion: p.apiVersion,
  kind: 'InferencePool',
  name: p.name,
  namespace: p.namespace,
});
const routeRef = (r: HttpRouteFact) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  name: r.name,
  namespace: r.namespace,
});

function routesTo(r: HttpRouteFact, p: InferencePoolFact): boolean {
  const group = p.apiVersion.split('/')[0];
  return (
    r.namespace === p.namespace &&
    r.backendRefs.some(
      b =>
        b.kind === 'InferencePool' &&
        b.name === p.name &&
        (!b.group || b.group === group),
    )
  );
}

/**
 * `advanced_inference_ingress`: an InferencePool serves traffic: an HTTPRoute routes to it and a
 * parent Gateway reports the route Accepted and ResolvedRefs (that Gateway Programmed), and the
 * pool's endpoint picker runs (ready endpoints behind its Service).
 *
 * @public
 */
export const advancedInferenceIngress: RequirementCheck = {
  id: 'advanced_inference_ingress',
  reads: ['inferencePools', 'httpRoutes', 'gateways', 'serviceEndpoints'],
  evaluate(facts): CheckOutcome {
    const groups = GAIE_GROUPS.filter(g => serves(facts, g, 'inferencepools'));
    if (groups.length === 0) {
      return outcome(
        'fail',
        'The Gateway API Inference Extension (InferencePool API) is not installed.',
        [
          evidence(
            'API discovery lists no inferencepools in inference.networking.k8s.io or inference.networking.x-k8s.io',
            undefined,
            'discovery',
          ),
        ],
      );
    }
    const pools = requireFact(facts, 'inferencePools');
    const routes = requireFact(facts, 'httpRoutes');
    const gateways = requireFact(facts, 'gateways');
    const endpoints = requireFact(facts, 'serviceEndpoints');
    const list: Evidence[] = groups.map(g =>
      evidence(`${g} serves inferencepools`, undefined, 'discovery'),
    );
    const working: string[] = [];
    const problems: string[] = [];
    for (const p of pools) {
      const poolRoutes = routes.filter(r => routesTo(r, p));
      if (!poolRoutes.length) {
        list.push(
          evidence(
            `InferencePool ${p.namespace}/${p.name} is not routed by any HTTPRoute`,
            poolRef(p),
          ),
        );
        continue;
      }
      const admitted = poolRoutes.filter(r =>
        r.parents.some(parent => {
          if (
            !conditionCurrent(parent.conditions, 'Accepted', r.generation) ||
            !conditionCurrent(parent.conditions, 'ResolvedRefs', r.generation)
          )
            return false;
          const ref = parent.parentRef;
          if (!ref || ref.kind !== 'Gateway') return true;
          const gw = gateways.find(
            g => g.namespace === ref.namespace && g.name === ref.name,
          );
          return (
            !!gw && conditionCurrent(gw.conditions, 'Programmed', gw.generation)
          );
        }),
      );
      for (const r of poolRoutes) {
        const ok = admitted.includes(r);
        list.push(
          evidence(
            `HTTPRoute ${r.namespace}/${r.name} routes to InferencePool ${
              p.name
            }; ${
              ok
                ? 'a Programmed parent Gateway reports it Accepted and ResolvedRefs'
                : 'no Programmed parent reports it Accepted and ResolvedRefs'
            }`,
            routeRef(r),
            'status.parents[].conditions[Accepted, ResolvedRefs]',
            ok,
          ),
        );
      }
      const picker = p.endpointPicker;
      const service =
        picker &&
        endpoints.find(
          e => e.namespace === p.namespace && e.name === picker.name,
        );
      const pickerRuns = !!service && service.ready > 0;
      list.push(
        evidence(
          picker
            ? `InferencePool ${p.namespace}/${
                p.name
              }: endpoint picker Service ${picker.name} has ${
                service?.ready ?? 0
              } ready endpoint(s)`
            : `InferencePool ${p.namespace}/${p.name} names no endpoint picker`,
          poolRef(p),
          'spec.endpointPickerRef',
          pickerRuns,
        ),
      );
      const issues = [
        ...(admitted.length
          ? []
          : [
              'its HTTPRoute is not Accepted with ResolvedRefs by a Programmed Gateway',
            ]),
        ...(pickerRuns
          ? []
          : [
              picker
                ? `its endpoint picker ${picker.name} has no ready endpoint`
                : 'it has no endpoint picker',
            ]),
      ];
      if (issues.length)
        problems.push(
          `InferencePool ${p.namespace}/${p.name}: ${issues.join(' and ')}`,
        );
      else working.push(`${p.namespace}/${p.name}`);
    }
    if (working.length) {
      return outcome(
        'pass',
        `The Inference Extension serves traffic: ${
          working.length
        } InferencePool(s) are routed by an Accepted HTTPRoute on a Programmed Gateway, with a running endpoint picker (${working
          .slice(0, 3)
          .join(', ')}).`,
        capEvidence(list),
      );
    }
    if (problems.length) {
      return outcome(
        'fail',
        `InferencePools are routed but do not serve: ${problems
          .slice(0, 3)
          .join('; ')}.`,
        capEvidence(list),
      );
    }
    return outcome(
      'unknown',
      'The InferencePool API is installed, but no InferencePool is routed by an HTTPRoute yet; deploy a model behind one or provide the GAIE conformance report.',
      capEvidence(list),
    );
  },
};
