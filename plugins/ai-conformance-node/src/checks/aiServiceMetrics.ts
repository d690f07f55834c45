import { Evidence } from '@internal/plugin-ai-conformance-common';
import { detectMonitoringStacks } from '../monitoring/detectMonitoring';
import { MONITORING_STACKS } from '../monitoring/monitoringStacks';
import { serves, workloadRef } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

/**
 * `ai_service_metrics`: a monitoring system that discovers and collects Prometheus-format workload
 * metrics runs in the cluster. Collectors are recognised by image repository (Prometheus with or
 * without the operator, VictoriaMetrics, OpenTelemetry, Grafana Alloy/Agent, and the managed
 * collectors of AWS, Google Cloud and Azure) and count only when Available.
 *
 * @public
 */
export const aiServiceMetrics: RequirementCheck = {
  id: 'ai_service_metrics',
  reads: ['deployments', 'statefulSets', 'daemonSets'],
  evaluate(facts): CheckOutcome {
    const workloads = [
      ...requireFact(facts, 'deployments'),
      ...requireFact(facts, 'statefulSets'),
      ...requireFact(facts, 'daemonSets'),
    ];
    const detected = detectMonitoringStacks(workloads, MONITORING_STACKS);
    const apis = MONITORING_STACKS.flatMap(stack =>
      stack.apis
        .filter(a => serves(facts, a.group, a.resource))
        .map(a => ({ stack, ...a })),
    );
    const list: Evidence[] = [];
    for (const d of detected) {
      for (const c of d.collectors) {
        list.push(
          evidence(
            `${d.stack.displayName} collector ${c.kind} ${c.namespace}/${c.name}: ${c.ready}/${c.desired} ready`,
            workloadRef(c),
            c.kind === 'Deployment'
              ? 'status.conditions[Available]'
              : 'status.readyReplicas',
            c.available,
          ),
        );
      }
    }
    for (const a of apis) {
      list.push(
        evidence(
          `${a.stack.displayName} API ${a.resource}.${a.group} is served`,
          undefined,
          'discovery',
        ),
      );
    }
    const running = detected.filter(d => d.running);
    if (running.length) {
      return outcome(
        'pass',
        `Workload metrics are collected by ${running
          .map(d => d.stack.displayName)
          .join(', ')} (collector Available).`,
        capEvidence(list),
      );
    }
    const orphaned = detected.flatMap(d =>
      d.withoutOperator.map(
        c => `${d.stack.displayName} ${c.namespace}/${c.name}`,
      ),
    );
    if (orphaned.length) {
      return outcome(
        'fail',
        `The metrics collector runs but the operator that configures it does not, so new scrape targets (ServiceMonitors, PodMonitors) are not discovered: ${orphaned.join(
          ', ',
        )}.`,
        capEvidence(list),
      );
    }
    if (detected.length) {
      return outcome(
        'fail',
        `A monitoring collector is installed but not running: ${detected
          .flatMap(d =>
            d.collectors.map(
              c =>
                `${d.stack.displayName} ${c.namespace}/${c.name} ${c.ready}/${c.desired} ready`,
            ),
          )
          .join(', ')}.`,
        capEvidence(list),
      );
    }
    if (apis.length) {
      return outcome(
        'unknown',
        'Scrape-configuration APIs are installed, but no running metrics collector was found in the cluster; a managed collector outside the cluster (for example an Amazon Managed Service for Prometheus scraper) is not visible to the Kubernetes API. Show where the metrics are collected.',
        capEvidence(list),
      );
    }
    return outcome(
      'fail',
      'No monitoring system that discovers and collects workload metrics was found: no Prometheus, VictoriaMetrics, OpenTelemetry, Grafana Alloy/Agent or managed-cloud collector runs, and no scrape-configuration API is served.',
    );
  },
};
