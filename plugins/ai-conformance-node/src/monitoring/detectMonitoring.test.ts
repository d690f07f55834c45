import { workload } from '../__testUtils__/facts';
import { WorkloadFact } from '../gather/factTypes';
import { detectMonitoringStacks } from './detectMonitoring';
import { MONITORING_STACKS } from './monitoringStacks';

const withImage = (w: WorkloadFact, image: string): WorkloadFact => ({
  ...w,
  images: [image],
});
const ids = (ws: WorkloadFact[]) =>
  detectMonitoringStacks(ws, MONITORING_STACKS).map(d => [
    d.stack.id,
    d.running,
  ]);

describe('detectMonitoringStacks', () => {
  it.each([
    [
      'plain Prometheus StatefulSet',
      withImage(
        workload('StatefulSet', 'monitoring', 'prometheus-server'),
        'docker.io/prom/prometheus:v3.5.0',
      ),
      'prometheus',
    ],
    [
      'operator-managed Prometheus',
      withImage(
        workload('StatefulSet', 'monitoring', 'prometheus-k8s'),
        'quay.io/prometheus/prometheus:v3.5.0',
      ),
      'prometheus',
    ],
    [
      'VictoriaMetrics vmagent',
      withImage(
        workload('Deployment', 'vm', 'vmagent-main'),
        'victoriametrics/vmagent:v1.120.0',
      ),
      'victoriametrics',
    ],
    [
      'OpenTelemetry collector',
      withImage(
        workload('DaemonSet', 'otel', 'collector'),
        'ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-k8s:0.130.0',
      ),
      'opentelemetry',
    ],
    [
      'ADOT',
      withImage(
        workload('Deployment', 'amazon-cloudwatch', 'adot-collector'),
        'public.ecr.aws/aws-observability/aws-otel-collector:v0.43.0',
      ),
      'aws-adot',
    ],
    [
      'GMP collector',
      withImage(
        workload('DaemonSet', 'gmp-system', 'collector'),
        'gke.gcr.io/prometheus-engine/prometheus:v2.53.4-gmp.0-gke.1',
      ),
      'gcp-gmp',
    ],
    [
      'Azure ama-metrics',
      withImage(
        workload('Deployment', 'kube-system', 'ama-metrics'),
        'mcr.microsoft.com/azuremonitor/containerinsights/ciprod/prometheus-collector/images:6.20.0-main',
      ),
      'azure-ama-metrics',
    ],
  ])('recognises %s by its image', (_what, w, id) => {
    expect(ids([w])).toEqual([[id, true]]);
  });

  it('is not fooled by names: a workload called prometheus with another image is not a collector', () => {
    expect(
      ids([
        withImage(
          workload('Deployment', 'monitoring', 'prometheus-adapter'),
          'registry.k8s.io/prometheus-adapter/prometheus-adapter:v0.12.0',
        ),
      ]),
    ).toEqual([]);
    expect(
      ids([
        withImage(
          workload('DaemonSet', 'monitoring', 'node-exporter'),
          'quay.io/prometheus/node-exporter:v1.9.1',
        ),
      ]),
    ).toEqual([]);
  });

  it('reports a collector that does not run', () => {
    const down = withImage(
      workload('StatefulSet', 'monitoring', 'prometheus-k8s', 0, 2),
      'quay.io/prometheus/prometheus:v3.5.0',
    );
    expect(ids([down])).toEqual([['prometheus', false]]);
  });

  it('needs the operator of an operator-managed Prometheus to be running', () => {
    const managed = {
      ...withImage(
        workload('StatefulSet', 'monitoring', 'prometheus-k8s'),
        'quay.io/prometheus/prometheus:v3.5.0',
      ),
      labels: { 'app.kubernetes.io/managed-by': 'prometheus-operator' },
    };
    const operator = (ready: number) =>
      withImage(
        workload('Deployment', 'monitoring', 'prometheus-operator', ready, 1),
        'quay.io/prometheus-operator/prometheus-operator:v0.85.0',
      );
    expect(ids([managed, operator(1)])).toEqual([['prometheus', true]]);
    const [down] = detectMonitoringStacks(
      [managed, operator(0)],
      MONITORING_STACKS,
    );
    expect([down.running, down.withoutOperator.map(w => w.name)]).toEqual([
      false,
      ['prometheus-k8s'],
    ]);
  });
});
