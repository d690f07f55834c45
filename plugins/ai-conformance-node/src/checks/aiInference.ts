import { Evidence } from '@internal/plugin-ai-conformance-common';
import { findResource } from '../cluster/discovery';
import { conditionTrue } from '../gather/reduce';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

const GATEWAY_RESOURCES = ['gatewayclasses', 'gateways', 'httproutes'];

/** `ai_inference`: Gateway API v1 with an Accepted GatewayClass. @public */
export const aiInference: RequirementCheck = {
  id: 'ai_inference',
  reads: ['gatewayClasses', 'gateways'],
  evaluate(facts): CheckOutcome {
    const missing = GATEWAY_RESOURCES.filter(
      r => !findResource(facts.discovery, 'gateway.networking.k8s.io', r, ['v1']),
    );
    if (missing.length === GATEWAY_RESOURCES.length) {
      return outcome('fail', 'The Gateway API (gateway.networking.k8s.io/v1) is not installed.', [
        evidence('API discovery lists no gateway.networking.k8s.io/v1', undefined, 'discovery'),
      ]);
    }
    if (missing.length) {
      return outcome('fail', `gateway.networking.k8s.io/v1 lacks ${missing.join(', ')}; install the standard channel CRDs.`);
    }
    const classes = requireFact(facts, 'gatewayClasses');
    const gateways = requireFact(facts, 'gateways');
    const list: Evidence[] = [
      evidence(`gateway.networking.k8s.io/v1 serves ${GATEWAY_RESOURCES.join(', ')}`, undefined, 'discovery'),
    ];
    const accepted = classes.filter(c => conditionTrue(c.conditions, 'Accepted'));
    for (const c of classes) {
      const ok = conditionTrue(c.conditions, 'Accepted');
      list.push(evidence(`GatewayClass ${c.name} (${c.controllerName}) is ${ok ? 'Accepted' : 'not Accepted'}`, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', name: c.name }, 'status.conditions[Accepted]', ok));
    }
    for (const g of gateways.filter(gw => conditionTrue(gw.conditions, 'Programmed'))) {
      list.push(evidence(`Gateway ${g.namespace}/${g.name} is Programmed`, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', name: g.name, namespace: g.namespace }, 'status.conditions[Programmed]', true));
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
    return outcome(
      'pass',
      `Gateway API v1 is served and ${accepted.length} GatewayClass(es) are Accepted (${[...new Set(accepted.map(c => c.controllerName))].join(', ')}).`,
      capEvidence(list),
    );
  },
};
