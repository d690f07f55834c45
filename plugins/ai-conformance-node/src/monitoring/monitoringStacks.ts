/**
 * A monitoring stack that can discover and collect Prometheus-format workload metrics, as it
 * shows up in the cluster: the image repositories of its collector workloads (matched on the
 * repository path after the registry, so mirrors match) and the API that configures its scrape
 * targets. Data only; `detectMonitoring.ts` applies it.
 *
 * @public
 */
export interface MonitoringStack {
  id: string;
  displayName: string;
  /** Image repositories of the collector (the component that scrapes and stores or forwards). */
  collectorImages: RegExp[];
  /** APIs whose presence shows the stack is configured (scrape target discovery). */
  apis: Array<{ group: string; resource: string }>;
  /** A managed cloud service: its collector may also run outside the cluster. */
  managed?: boolean;
  /**
   * The operator that turns scrape APIs into collector configuration: a collector carrying one of
   * these labels is operator-managed and discovers new targets only while an operator Deployment
   * (by image) is Available.
   */
  operator?: { managedLabels: Record<string, string[]>; images: RegExp[] };
}

/** The stacks the engine recognises. @public */
export const MONITORING_STACKS: readonly MonitoringStack[] = [
  {
    id: 'prometheus',
    displayName: 'Prometheus',
    // Operator-managed (StatefulSet prometheus-<name>) or plain Deployment/StatefulSet alike.
    collectorImages: [
      /(^|\/)(prometheus\/prometheus|prom\/prometheus|bitnami\/prometheus|rancher\/mirrored-prometheus-prometheus)$/,
      /(^|\/)openshift4\/ose-prometheus(-rhel\d+)?$/,
    ],
    apis: [
      { group: 'monitoring.coreos.com', resource: 'servicemonitors' },
      { group: 'monitoring.coreos.com', resource: 'podmonitors' },
    ],
    operator: {
      // `[]`: any value (the label names the Prometheus resource)
      managedLabels: {
        'app.kubernetes.io/managed-by': ['prometheus-operator'],
        'operator.prometheus.io/name': [],
      },
      images: [
        /(^|\/)(prometheus-operator\/prometheus-operator|bitnami\/prometheus-operator|rancher\/mirrored-prometheus-operator-prometheus-operator)$/,
        /(^|\/)openshift4\/ose-prometheus-operator(-rhel\d+)?$/,
      ],
    },
  },
  {
    id: 'prometheus-agent',
    displayName: 'Grafana Alloy / Agent',
    collectorImages: [/(^|\/)grafana\/(alloy|agent)$/],
    apis: [],
  },
  {
    id: 'victoriametrics',
    displayName: 'VictoriaMetrics',
    // vmagent scrapes; a single-node victoria-metrics scrapes too when given a scrape config.
    collectorImages: [/(^|\/)victoriametrics\/(vmagent|victoria-metrics)$/],
    apis: [
      { group: 'operator.victoriametrics.com', resource: 'vmservicescrapes' },
      { group: 'operator.victoriametrics.com', resource: 'vmpodscrapes' },
    ],
    operator: {
      managedLabels: { 'app.kubernetes.io/managed-by': ['vm-operator'] },
      images: [/(^|\/)victoriametrics\/operator$/],
    },
  },
  {
    id: 'opentelemetry',
    displayName: 'OpenTelemetry Collector',
    collectorImages: [
      /(^|\/)otel\/opentelemetry-collector(-contrib|-k8s)?$/,
      /(^|\/)open-telemetry\/opentelemetry-collector-releases\/opentelemetry-collector(-contrib|-k8s)?$/,
    ],
    apis: [{ group: 'opentelemetry.io', resource: 'opentelemetrycollectors' }],
  },
  {
    id: 'aws-adot',
    displayName:
      'AWS Distro for OpenTelemetry (Amazon Managed Service for Prometheus)',
    collectorImages: [/(^|\/)aws-observability\/aws-otel-collector$/],
    apis: [{ group: 'opentelemetry.io', resource: 'opentelemetrycollectors' }],
    managed: true,
  },
  {
    id: 'gcp-gmp',
    displayName: 'Google Cloud Managed Service for Prometheus',
    // gmp-system/collector (or gke-gmp-system) DaemonSet
    collectorImages: [/(^|\/)prometheus-engine\/prometheus$/],
    apis: [
      { group: 'monitoring.googleapis.com', resource: 'podmonitorings' },
      { group: 'monitoring.googleapis.com', resource: 'clusterpodmonitorings' },
    ],
    managed: true,
  },
  {
    id: 'azure-ama-metrics',
    displayName: 'Azure Monitor managed Prometheus (ama-metrics)',
    collectorImages: [
      /(^|\/)azuremonitor\/containerinsights\/ciprod\/prometheus-collector\/images$/,
    ],
    apis: [
      { group: 'azmonitoring.coreos.com', resource: 'podmonitors' },
      { group: 'azmonitoring.coreos.com', resource: 'servicemonitors' },
    ],
    managed: true,
  },
];
