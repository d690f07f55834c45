import { Evidence } from '@internal/plugin-ai-conformance-common';
import { findResource } from '../cluster/discovery';
import { GatewayFact } from '../gather/factTypes';
import { conditionCurrent } from '../gather/reduce';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

const GATEWAY_RESOURCES = ['gatewayclasses', 'gateways', 'httproutes'];
const GATEWAY_API = 'gateway.networking.k8s.io/v1';

const gatewayRef = (g: GatewayFact) => ({
  apiVersion: GATEWAY_API,
  kind: 'Gateway',
  name: g.name,
  namespace: g.namespace,
});

/**
 * `ai_inference`: the Gateway API v1 is served and an implementation works: a GatewayClass
 * Accepted for its current generation and a Gateway of such a class Programmed. An Accepted class
 * without any Gateway gives `unknown` (nothing shows traffic can be served).
 *
 * @public
 */
export const aiInference: RequirementCheck = {
  id: 'ai_inference',
  reads: ['gatewayClasses', 'gateways'],
  evaluate(facts): CheckOutcome {
    const missing = GATEWAY_RESOURCES.filter(
      r =>
        !findResource(facts.discovery, 'gateway.networking.k8s.io', r, ['v1']),
    );
    if (missing.length === GATEWAY_RESOURCES.length) {
      return outcome(
        'fail',
        'The Gateway API (gateway.networking.k8s.io/v1) is not installed.',
        [
          evidence(
            'API discovery lists no gateway.networking.k8s.io/v1',
            undefined,
            'discovery',
          ),
        ],
      );
    }
    if (missing.length) {
      return outcome(
        'fail',
        `gateway.networking.k8s.io/v1 lacks ${missing.join(
          ', ',
        )}; install the standard channel CRDs.`,
      );
    }
    const classes = requireFact(facts, 'gatewayClasses');
    const gateways = requireFact(facts, 'gateways');
    const list: Evidence[] = [
      evidence(
        `gateway.networking.k8s.io/v1 serves ${GATEWAY_RESOURCES.join(', ')}`,
        undefined,
        'discovery',
      ),
    ];
    const accepted = classes.filter(c =>
      conditionCurrent(c.conditions, 'Accepted', c.generation),
    );
    for (const c of classes) {
      const ok = accepted.includes(c);
      list.push(
        evidence(
          `GatewayClass ${c.name} (${c.controllerName}) is ${
            ok ? 'Accepted' : 'not Accepted for its current generation'
          }`,
          { apiVersion: GATEWAY_API, kind: 'GatewayClass', name: c.name },
          'status.conditions[Accepted]',
          ok,
        ),
      );
    }
    if (accepted.length === 0) {
      return outcome(
        'fail',
        classes.length
          ? 'The Gateway API is installed but no GatewayClass is Accepted by a controller.'
          : 'The Gateway API CRDs are installed but there is no GatewayClass; install a Gateway controller.',
        capEvidence(list),
      );
    }
    const ofAccepted = gateways.filter(g =>
      accepted.some(c => c.name === g.gatewayClassName),
    );
    const programmed = ofAccepted.filter(g =>
      conditionCurrent(g.conditions, 'Programmed', g.generation),
    );
    for (const g of ofAccepted) {
      const ok = programmed.includes(g);
      list.push(
        evidence(
          `Gateway ${g.namespace}/${g.name} (class ${g.gatewayClassName}) is ${
            ok ? 'Programmed' : 'not Programmed'
          }`,
          gatewayRef(g),
          'status.conditions[Programmed]',
          ok,
        ),
      );
    }
    const controllers = [...new Set(accepted.map(c => c.controllerName))].join(
      ', ',
    );
    if (programmed.length) {
      return outcome(
        'pass',
        `Gateway API v1 is served, ${accepted.length} GatewayClass(es) are Accepted (${controllers}) and ${programmed.length} Gateway(s) are Programmed.`,
        capEvidence(list),
      );
    }
    if (ofAccepted.length) {
      return outcome(
        'fail',
        `${ofAccepted.length} Gateway(s) of the Accepted GatewayClass(es) exist, but none is Programmed, so the implementation serves no traffic.`,
        capEvidence(list),
      );
    }
    return outcome(
      'unknown',
      `A GatewayClass is Accepted (${controllers}), but no Gateway exists to show the implementation programs traffic; create a Gateway or provide the Gateway API conformance report.`,
      capEvidence(list),
    );
  },
};
