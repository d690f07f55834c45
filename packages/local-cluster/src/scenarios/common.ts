import { KubeObject } from '../client/rest';
import { condition, daemonSet, ns, service } from './types';

/** Prometheus-operator ServiceMonitor + metrics exporter DaemonSet + Service. */
export function metricsExporter(opts: {
  namespace: string;
  name: string;
  image: string;
  port: number;
  portName: string;
  nodeSelector: Record<string, string>;
  labels?: Record<string, string>;
}): KubeObject[] {
  const labels = { app: opts.name, ...opts.labels };
  return [
    daemonSet(
      opts.namespace,
      opts.name,
      {
        nodeSelector: opts.nodeSelector,
        tolerations: [{ operator: 'Exists' }],
        containers: [
          {
            name: opts.name,
            image: opts.image,
            ports: [{ name: opts.portName, containerPort: opts.port }],
            resources: { requests: { cpu: '100m', memory: '128Mi' } },
          },
        ],
      },
      labels,
    ),
    service(
      opts.namespace,
      opts.name,
      { app: opts.name },
      [{ name: opts.portName, port: opts.port, targetPort: opts.port }],
      labels,
    ),
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: opts.name, namespace: opts.namespace, labels },
      spec: {
        selector: { matchLabels: { app: opts.name } },
        namespaceSelector: { matchNames: [opts.namespace] },
        endpoints: [
          {
            port: opts.portName,
            path: '/metrics',
            interval: '15s',
            honorLabels: true,
          },
        ],
      },
    },
  ];
}

/**
 * The custom metrics APIService, as prometheus-adapter registers it. Its Service
 * has no selector, so no endpoints: the aggregator reports it unavailable
 * (MissingEndpoints) and, with endpoint routing, never dials anything.
 */
export function customMetricsApiService(): KubeObject[] {
  return [
    ns('monitoring'),
    service(
      'monitoring',
      'prometheus-adapter',
      undefined,
      [{ name: 'https', port: 443, targetPort: 6443 }],
      {
        'app.kubernetes.io/name': 'prometheus-adapter',
      },
    ),
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: {
        name: 'v1beta1.custom.metrics.k8s.io',
        labels: { 'app.kubernetes.io/name': 'prometheus-adapter' },
      },
      spec: {
        group: 'custom.metrics.k8s.io',
        version: 'v1beta1',
        groupPriorityMinimum: 100,
        versionPriority: 100,
        insecureSkipTLSVerify: true,
        service: {
          name: 'prometheus-adapter',
          namespace: 'monitoring',
          port: 443,
        },
      },
    },
  ];
}

export { condition };
