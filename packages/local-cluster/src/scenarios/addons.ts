import YAML from 'yaml';
import { KubeObject } from '../client/rest';
import { dranetDeviceClasses, dranetSlice } from './dra';
import { stableUuid } from './nodes';
import { condition, container, daemonSet, deployment, ns } from './types';

/*
 * Platform add-ons as their upstream manifests/charts install them, reduced to
 * the objects a conformance check can see. Controllers are plain Deployments
 * whose pods KWOK runs, so they become Available; their webhooks, APIServices
 * and metrics Services are left out, so the API server never dials a (fake)
 * pod IP.
 */

/** Add-on objects plus the custom resource statuses their operators would write. */
export interface AddOn {
  objects: KubeObject[];
  statuses: KubeObject[];
}

/** Kueue's controller, as `config/default` installs it in `kueue-system`. */
export function kueueController(version = 'v0.17.0'): AddOn {
  const labels = {
    'app.kubernetes.io/name': 'kueue',
    'app.kubernetes.io/component': 'controller',
    'control-plane': 'controller-manager',
  };
  return {
    objects: [
      ns('kueue-system', { 'control-plane': 'controller-manager' }),
      deployment(
        'kueue-system',
        'kueue-controller-manager',
        1,
        {
          containers: [
            container(
              'manager',
              `registry.k8s.io/kueue/kueue:${version}`,
              { cpu: '500m', memory: '512Mi' },
              {
                args: [
                  '--config=/controller_manager_config.yaml',
                  '--zap-log-level=2',
                ],
                ports: [
                  { name: 'webhook-server', containerPort: 9443 },
                  { name: 'visibility', containerPort: 8082 },
                  { name: 'metrics', containerPort: 8443 },
                ],
              },
            ),
          ],
        },
        labels,
        { 'control-plane': 'controller-manager' },
      ),
    ],
    statuses: [],
  };
}

/**
 * prometheus-operator plus a `Prometheus` instance (`monitoring/k8s`, as
 * kube-prometheus names it) selecting every ServiceMonitor, with the
 * StatefulSet and the status the operator maintains for it.
 */
export function prometheusStack(version = 'v0.85.0'): AddOn {
  const NS = 'monitoring';
  const instance = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Prometheus',
    metadata: { name: 'k8s', namespace: NS },
  };
  // the labels the operator puts on the StatefulSet and its pods
  const podLabels = {
    'app.kubernetes.io/instance': 'k8s',
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'app.kubernetes.io/name': 'prometheus',
    'operator.prometheus.io/name': 'k8s',
    'operator.prometheus.io/shard': '0',
    prometheus: 'k8s',
  };
  const image = 'quay.io/prometheus/prometheus:v3.5.0';
  return {
    objects: [
      ns(NS),
      deployment(
        NS,
        'prometheus-operator',
        1,
        {
          containers: [
            container(
              'prometheus-operator',
              `quay.io/prometheus-operator/prometheus-operator:${version}`,
              { cpu: '100m', memory: '128Mi' },
              {
                args: [
                  '--kubelet-service=kube-system/kubelet',
                  `--prometheus-config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:${version}`,
                ],
                ports: [{ name: 'http', containerPort: 8080 }],
              },
            ),
          ],
        },
        {
          'app.kubernetes.io/component': 'controller',
          'app.kubernetes.io/version': version.slice(1),
        },
      ),
      {
        ...instance,
        metadata: { ...instance.metadata, labels: { prometheus: 'k8s' } },
        spec: {
          version: 'v3.5.0',
          image,
          replicas: 1,
          serviceAccountName: 'prometheus-k8s',
          // empty selectors: every ServiceMonitor/PodMonitor in every namespace
          serviceMonitorSelector: {},
          serviceMonitorNamespaceSelector: {},
          podMonitorSelector: {},
          podMonitorNamespaceSelector: {},
          retention: '15d',
          resources: { requests: { cpu: '1', memory: '4Gi' } },
        },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'prometheus-k8s', namespace: NS, labels: podLabels },
        spec: {
          replicas: 1,
          serviceName: 'prometheus-operated',
          podManagementPolicy: 'Parallel',
          selector: { matchLabels: podLabels },
          template: {
            metadata: { labels: podLabels },
            spec: {
              containers: [
                container('prometheus', image, { cpu: '1', memory: '4Gi' }),
              ],
            },
          },
        },
      },
    ],
    statuses: [
      {
        ...instance,
        status: {
          paused: false,
          replicas: 1,
          updatedReplicas: 1,
          availableReplicas: 1,
          unavailableReplicas: 0,
          shards: 1,
          selector: Object.entries(podLabels)
            .filter(([k]) => k !== 'operator.prometheus.io/shard')
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
          conditions: [condition('Available', ''), condition('Reconciled', '')],
          shardStatuses: [
            {
              shardID: '0',
              replicas: 1,
              updatedReplicas: 1,
              availableReplicas: 1,
              unavailableReplicas: 0,
            },
          ],
        },
      },
    ],
  };
}

/** A RuntimeClass with the pod overhead its sandbox adds. */
function runtimeClass(
  name: string,
  handler: string,
  overhead: { cpu: string; memory: string },
): KubeObject {
  return {
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name },
    handler,
    overhead: { podFixed: overhead },
  };
}

/** The gVisor RuntimeClass (handler `runsc`) for untrusted workloads. */
export function gvisorRuntimeClass(): KubeObject {
  return runtimeClass('gvisor', 'runsc', { cpu: '250m', memory: '120Mi' });
}

/** A Kata Containers RuntimeClass (handler `kata-qemu`), as kata-deploy creates it. */
export function kataRuntimeClass(): KubeObject {
  return runtimeClass('kata-qemu', 'kata-qemu', {
    cpu: '250m',
    memory: '160Mi',
  });
}

/** DRANET: its DaemonSet, a DeviceClass for RDMA NICs and one slice per node. */
export function dranet(
  nodes: { name: string; uid?: string }[],
  nodeSelector: Record<string, string>,
  nicsPerNode: number,
): KubeObject[] {
  return [
    daemonSet(
      'kube-system',
      'dranet',
      {
        nodeSelector,
        hostNetwork: true,
        tolerations: [{ operator: 'Exists' }],
        containers: [
          container('dranet', 'registry.k8s.io/networking/dranet:v1.0.1'),
        ],
      },
      { 'k8s-app': 'dranet' },
    ),
    ...dranetDeviceClasses(),
    ...nodes.map(n => dranetSlice(n, nicsPerNode)),
  ];
}

/**
 * An llm-d disaggregated model service: prefill and decode Deployments
 * labelled as the llm-d modelservice chart labels them.
 */
export function llmdPrefillDecode(opts: {
  namespace: string;
  model: string;
  nodeSelector: Record<string, string>;
}): KubeObject[] {
  const role = (r: 'prefill' | 'decode') =>
    deployment(
      opts.namespace,
      `ms-${opts.model}-llm-d-modelservice-${r}`,
      1,
      {
        nodeSelector: opts.nodeSelector,
        containers: [
          container(
            'vllm',
            'ghcr.io/llm-d/llm-d-cuda:v0.3.0',
            { cpu: '8', memory: '64Gi', 'nvidia.com/gpu': '1' },
            {
              args: [
                `--model=meta-llama/Llama-3.1-8B-Instruct`,
                '--kv-transfer-config={"kv_connector":"NixlConnector","kv_role":"kv_both"}',
              ],
              ports: [{ name: 'http', containerPort: 8000 }],
            },
          ),
        ],
      },
      {
        'llm-d.ai/inferenceServing': 'true',
        'llm-d.ai/model': opts.model,
        'llm-d.ai/role': r,
      },
    );
  return [
    ns(opts.namespace, { team: 'ml-platform' }),
    role('prefill'),
    role('decode'),
  ];
}

/**
 * The Cluster Autoscaler (AWS provider) in `kube-system` and the status
 * ConfigMap it writes, listing the Auto Scaling groups of the given EKS node
 * groups (`eks-<nodegroup>-<uuid>`, as EKS names them).
 */
export function clusterAutoscaler(
  nodeGroups: { name: string; nodes: number; max: number }[],
): KubeObject[] {
  const at = '2026-01-01 00:00:00.000000000 +0000 UTC';
  const health = (n: number) => ({
    status: 'Healthy',
    nodeCounts: {
      registered: { total: n, ready: n, notStarted: 0 },
      longUnregistered: 0,
      unregistered: 0,
    },
  });
  const idle = {
    scaleUp: { status: 'NoActivity' },
    scaleDown: { status: 'NoCandidates' },
  };
  // the YAML status format of Cluster Autoscaler >= 1.30
  const status = {
    time: at,
    autoscalerStatus: 'Running',
    clusterWide: {
      health: {
        ...health(nodeGroups.reduce((n, g) => n + g.nodes, 0)),
        lastProbeTime: at,
        lastTransitionTime: at,
      },
      ...idle,
    },
    nodeGroups: nodeGroups.map(g => ({
      name: `eks-${g.name}-${stableUuid(`asg-${g.name}`)}`,
      health: {
        ...health(g.nodes),
        cloudProviderTarget: g.nodes,
        minSize: 0,
        maxSize: g.max,
      },
      ...idle,
    })),
  };
  return [
    deployment(
      'kube-system',
      'cluster-autoscaler',
      1,
      {
        priorityClassName: 'system-cluster-critical',
        containers: [
          container(
            'aws-cluster-autoscaler',
            'registry.k8s.io/autoscaling/cluster-autoscaler:v1.34.1',
            { cpu: '100m', memory: '600Mi' },
            {
              command: [
                './cluster-autoscaler',
                '--cloud-provider=aws',
                '--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled',
                '--expander=least-waste',
                '--balance-similar-node-groups',
              ],
            },
          ),
        ],
      },
      { 'app.kubernetes.io/instance': 'cluster-autoscaler' },
    ),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cluster-autoscaler-status',
        namespace: 'kube-system',
        annotations: { 'cluster-autoscaler.kubernetes.io/last-updated': at },
      },
      data: { status: YAML.stringify(status) },
    },
  ];
}
