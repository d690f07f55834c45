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

const METRIC_APIS = [
  'v1beta1.custom.metrics.k8s.io',
  'v1beta2.custom.metrics.k8s.io',
  'v1beta1.external.metrics.k8s.io',
];

/** `pod_autoscaling` (conditional): HPA can scale on custom or external metrics. @public */
export const podAutoscaling: RequirementCheck = {
  id: 'pod_autoscaling',
  reads: ['apiServices', 'horizontalPodAutoscalers'],
  evaluate(facts): CheckOutcome {
    if (!serves(facts, 'autoscaling', 'horizontalpodautoscalers', ['v2'])) {
      return outcome(
        'not-applicable',
        'The platform does not serve the HorizontalPodAutoscaler (autoscaling/v2).',
      );
    }
    const apiServices = requireFact(facts, 'apiServices');
    const list: Evidence[] = [
      evidence(
        'autoscaling/v2 HorizontalPodAutoscaler is served',
        undefined,
        'discovery',
      ),
    ];
    const metricApis = apiServices.filter(a => METRIC_APIS.includes(a.name));
    for (const a of metricApis) {
      list.push(
        evidence(
          `APIService ${a.name} is ${
            a.available
              ? 'Available'
              : `not Available${a.message ? `: ${a.message}` : ''}`
          }`,
          {
            apiVersion: 'apiregistration.k8s.io/v1',
            kind: 'APIService',
            name: a.name,
          },
          'status.conditions[Available]',
          a.available,
        ),
      );
    }
    if (serves(facts, 'keda.sh', 'scaledobjects')) {
      list.push(
        evidence(
          'KEDA (scaledobjects.keda.sh) is installed',
          undefined,
          'discovery',
        ),
      );
    }
    const hpas = requireFact(facts, 'horizontalPodAutoscalers');
    for (const h of hpas.filter(x =>
      x.metricTypes.some(t => t !== 'Resource' && t !== 'ContainerResource'),
    )) {
      list.push(
        evidence(
          `HPA ${h.namespace}/${h.name} scales ${
            h.target
          } on ${h.metricTypes.join(', ')} metrics`,
          {
            apiVersion: 'autoscaling/v2',
            kind: 'HorizontalPodAutoscaler',
            name: h.name,
            namespace: h.namespace,
          },
          'spec.metrics[].type',
        ),
      );
    }
    const available = metricApis.filter(a => a.available);
    if (available.length) {
      return outcome(
        'pass',
        `HPA can scale on custom metrics: ${available
          .map(a => a.name)
          .join(', ')} ${available.length > 1 ? 'are' : 'is'} Available.`,
        capEvidence(list),
      );
    }
    return outcome(
      'fail',
      metricApis.length
        ? 'A custom/external metrics API is registered but not Available, so HPA cannot scale on AI metrics.'
        : 'No custom or external metrics API is registered, so HPA can scale only on CPU and memory.',
      capEvidence(list),
    );
  },
};
