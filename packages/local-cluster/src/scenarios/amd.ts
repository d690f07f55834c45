import { KubeObject } from '../client/rest';
import { kataRuntimeClass } from './addons';
import { metricsExporter } from './common';
import { upstreamCrds } from './crds';
import { amdDeviceClasses, amdGpuSlice } from './dra';
import { AmdGpu, amdLabels, kwokNode } from './nodes';
import { container, daemonSet, deployment, ns, Scenario } from './types';

export const MI300X: AmdGpu = {
  productName: 'AMD_Instinct_MI300X_OAM',
  family: 'AI',
  deviceId: '74a1',
  vramGi: 192,
  cuCount: 304,
  simdCount: 1216,
  driver: '6.12.12',
  count: 8,
};

const OPERATOR = 'kube-amd-gpu';
/**
 * What the nodes' containerd reports: runc only. The Kata RuntimeClass below names a handler no
 * node has, so workload_sandboxing sees it configured but missing on every node (fail).
 */
const CONTAINERD_HANDLERS = ['runc'];

export const partialAmd: Scenario = {
  name: 'partial-amd',
  description:
    'AMD MI300X cluster that only partly conforms: device plugin and DRA (gpu.amd.com), metrics exporter; no gang scheduler, no Gateway API, no custom metrics; a Kata RuntimeClass whose runtime no node reports',
  async build() {
    const zone = 'eastus-1';
    const nodes = [
      ...[0, 1].map(i =>
        kwokNode({
          name: `gpu-mi300x-${i}`,
          instanceType: 'Standard_ND96isr_MI300X_v5',
          zone,
          cpu: 96,
          memoryGi: 1850,
          labels: { ...amdLabels(MI300X), 'node-pool': 'mi300x' },
          runtimeHandlers: CONTAINERD_HANDLERS,
          extended: { 'amd.com/gpu': String(MI300X.count) },
        }),
      ),
      kwokNode({
        name: 'gpu-mi300x-dra-0',
        instanceType: 'Standard_ND96isr_MI300X_v5',
        zone,
        cpu: 96,
        memoryGi: 1850,
        labels: { ...amdLabels(MI300X), 'node-pool': 'mi300x-dra' },
        runtimeHandlers: CONTAINERD_HANDLERS,
      }),
      kwokNode({
        name: 'cpu-0',
        instanceType: 'Standard_D16s_v5',
        zone,
        cpu: 16,
        memoryGi: 64,
        labels: { 'node-pool': 'system' },
        runtimeHandlers: CONTAINERD_HANDLERS,
      }),
    ];
    return {
      crds: await upstreamCrds('prometheus-operator'),
      nodes,
      objects: (uids: Map<string, string>): KubeObject[] => [
        ...amdDeviceClasses(),
        kataRuntimeClass(),
        amdGpuSlice(
          { name: 'gpu-mi300x-dra-0', uid: uids.get('gpu-mi300x-dra-0') },
          MI300X,
        ),
        ns(OPERATOR),
        daemonSet(
          OPERATOR,
          'amd-gpu-device-plugin',
          {
            nodeSelector: { 'feature.node.kubernetes.io/amd-gpu': 'true' },
            containers: [
              container('device-plugin', 'rocm/k8s-device-plugin:1.31.0.7'),
            ],
          },
          { 'app.kubernetes.io/part-of': 'amd-gpu-operator' },
        ),
        ...metricsExporter({
          namespace: OPERATOR,
          name: 'amd-device-metrics-exporter',
          image: 'rocm/device-metrics-exporter:v1.4.0',
          port: 5000,
          portName: 'metrics',
          nodeSelector: { 'feature.node.kubernetes.io/amd-gpu': 'true' },
          labels: { 'app.kubernetes.io/part-of': 'amd-gpu-operator' },
        }),
        ns('inference', { team: 'search' }),
        deployment('inference', 'vllm-rocm', 2, {
          containers: [
            container('vllm', 'rocm/vllm:rocm7.0.0_vllm_0.10.2', {
              cpu: '8',
              memory: '64Gi',
              'amd.com/gpu': '2',
            }),
          ],
        }),
        {
          apiVersion: 'resource.k8s.io/v1',
          kind: 'ResourceClaimTemplate',
          metadata: { name: 'one-mi300x', namespace: 'inference' },
          spec: {
            spec: {
              devices: {
                requests: [
                  { name: 'gpu', exactly: { deviceClassName: 'gpu.amd.com' } },
                ],
              },
            },
          },
        },
        deployment('inference', 'dra-rocm', 1, {
          resourceClaims: [
            { name: 'gpu', resourceClaimTemplateName: 'one-mi300x' },
          ],
          containers: [
            container(
              'server',
              'rocm/vllm:rocm7.0.0_vllm_0.10.2',
              {},
              {
                resources: {
                  requests: { cpu: '4', memory: '32Gi' },
                  claims: [{ name: 'gpu' }],
                },
              },
            ),
          ],
        }),
      ],
      statuses: [],
    };
  },
};
