import { Evidence } from '@internal/plugin-ai-conformance-common';
import { runningPrometheusOperators } from './controllers';
import { serves, workloadRef } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  optionalFact,
  outcome,
  requireFact,
} from './RequirementCheck';

/** Monitoring APIs that discover scrape targets; `managed` ones need no in-cluster instance. */
const MONITORING_APIS: Array<{ group: string; resource: string; what: string; managed?: boolean }> = [
  { group: 'monitoring.coreos.com', resource: 'servicemonitors', what: 'Prometheus Operator ServiceMonitor' },
  { group: 'monitoring.coreos.com', resource: 'podmonitors', what: 'Prometheus Operator PodMonitor' },
  { group: 'monitoring.googleapis.com', resource: 'podmonitorings', what: 'Google Cloud Managed Service for Prometheus', managed: true },
  { group: 'azmonitoring.coreos.com', resource: 'podmonitors', what: 'Azure Monitor managed Prometheus', managed: true },
  { group: 'opentelemetry.io', resource: 'opentelemetrycollectors', what: 'OpenTelemetry Operator' },
];

/** `ai_service_metrics`: a monitoring system discovers and collects workload metrics. @public */
export const aiServiceMetrics: RequirementCheck = {
  id: 'ai_service_metrics',
  reads: ['prometheuses', 'openTelemetryCollectors', 'deployments'],
  evaluate(facts): CheckOutcome {
    const apis = MONITORING_APIS.filter(a => serves(facts, a.group, a.resource));
    if (apis.length === 0) {
      return outcome('fail', 'No monitoring system that discovers workload metrics was found (Prometheus Operator, managed Prometheus, OpenTelemetry Operator).', [
        evidence('API discovery lists none of monitoring.coreos.com, monitoring.googleapis.com, azmonitoring.coreos.com, opentelemetry.io', undefined, 'discovery'),
      ]);
    }
    const list: Evidence[] = apis.map(a => evidence(`${a.what} API (${a.resource}.${a.group}) is served`, undefined, 'discovery'));
    const prometheuses = optionalFact(facts, 'prometheuses') ?? [];
    // A Prometheus custom resource collects nothing unless the operator runs to reconcile it.
    const operators = prometheuses.length ? runningPrometheusOperators(requireFact(facts, 'deployments')) : [];
    for (const d of operators) {
      list.push(evidence(`Prometheus Operator ${d.namespace}/${d.name} is Available`, workloadRef(d), 'status.conditions[Available]', true));
    }
    if (prometheuses.length && !operators.length) {
      list.push(evidence(`${prometheuses.length} Prometheus resource(s), but no Prometheus Operator Deployment is Available to reconcile them`, undefined, 'deployments'));
    }
    const instances = [
      ...(operators.length ? prometheuses : []).map(p => ({ kind: 'Prometheus', o: p })),
      ...(optionalFact(facts, 'openTelemetryCollectors') ?? []).map(p => ({ kind: 'OpenTelemetryCollector', o: p })),
    ];
    for (const { kind, o } of instances) {
      list.push(evidence(`${kind} ${o.metadata?.namespace}/${o.metadata?.name}`, { apiVersion: o.apiVersion, kind, name: o.metadata?.name ?? '', namespace: o.metadata?.namespace }));
    }
    const managed = apis.filter(a => a.managed);
    if (instances.length || managed.length) {
      return outcome('pass', `Workload metrics are discovered and collected (${[...new Set([...managed.map(a => a.what), ...instances.map(i => i.kind)])].join(', ')}).`, capEvidence(list));
    }
    const unreconciled = prometheuses.length && !operators.length
      ? `${prometheuses.length} Prometheus resource(s) exist, but no Prometheus Operator is Available to reconcile them`
      : 'no Prometheus or OpenTelemetryCollector instance was found';
    return outcome('unknown', `Monitoring APIs are installed, but ${unreconciled}; show where the metrics are collected.`, capEvidence(list));
  },
};
