import { KubeObject } from '../client/rest';
import {
  clusterAutoscaler,
  dranet,
  gvisorRuntimeClass,
  kueueController,
  llmdPrefillDecode,
  prometheusStack,
} from './addons';
import { customMetricsApiService, metricsExporter } from './common';
import { inferenceExtensionCrds, kserveCrds, upstreamCrds } from './crds';
import { nvidiaDeviceClasses, nvidiaGpuSlice } from './dra';
import {
  gfdLabels,
  kwokNode,
  MigProfile,
  NvidiaGpu,
  reportedRuntimeHandlers,
} from './nodes';
import {
  gpuOperatorNodeComponents,
  infrastructureAgents,
  secureAccessBypasses,
} from './platformAgents';
import {
  condition,
  container,
  daemonSet,
  deployment,
  ns,
  Scenario,
  service,
} from './types';

const DRIVER = '580.95.05';
const CUDA = '13.0';

export const H100: NvidiaGpu = {
  product: 'NVIDIA-H100-80GB-HBM3',
  family: 'hopper',
  architecture: 'Hopper',
  compute: [9, 0],
  memoryMiB: 81559,
  count: 8,
  machine: 'p5.48xlarge',
  driver: DRIVER,
  cuda: CUDA,
};
export const A100: NvidiaGpu = {
  product: 'NVIDIA-A100-SXM4-80GB',
  family: 'ampere',
  architecture: 'Ampere',
  compute: [8, 0],
  memoryMiB: 81920,
  count: 8,
  machine: 'p4de.24xlarge',
  driver: DRIVER,
  cuda: CUDA,
};
/** A g6f fractional L4: a vGPU profile, seen by the guest as one GPU. */
export const L4_VGPU: NvidiaGpu = {
  product: 'NVIDIA-L4-3Q',
  family: 'ada-lovelace',
  architecture: 'Ada Lovelace',
  compute: [8, 9],
  memoryMiB: 3072,
  count: 1,
  machine: 'g6f.large',
  driver: DRIVER,
  cuda: CUDA,
};
export const T4: NvidiaGpu = {
  product: 'Tesla-T4',
  family: 'turing',
  architecture: 'Turing',
  compute: [7, 5],
  memoryMiB: 15360,
  count: 1,
  machine: 'g4dn.2xlarge',
  driver: DRIVER,
  cuda: CUDA,
};

// "all-balanced" MIG layout of an A100 80GB: 2x 1g.10gb, 1x 2g.20gb, 1x 3g.40gb per GPU
const A100_MIG: MigProfile[] = [
  {
    profile: '1g.10gb',
    count: 16,
    memoryMiB: 9728,
    multiprocessors: 14,
    gi: 1,
    ci: 1,
    copyEngines: 1,
    decoders: 0,
    jpeg: 0,
    ofa: 0,
  },
  {
    profile: '2g.20gb',
    count: 8,
    memoryMiB: 19968,
    multiprocessors: 28,
    gi: 2,
    ci: 2,
    copyEngines: 2,
    decoders: 1,
    jpeg: 0,
    ofa: 0,
  },
  {
    profile: '3g.40gb',
    count: 8,
    memoryMiB: 40192,
    multiprocessors: 42,
    gi: 3,
    ci: 3,
    copyEngines: 3,
    decoders: 2,
    jpeg: 0,
    ofa: 0,
  },
];

const GPU_OPERATOR = 'gpu-operator';
const SERVING = 'ml-serving';
/** The Gateway that admits the inference route and pool (status parentRef). */
const INFERENCE_GATEWAY_REF = {
  group: 'gateway.networking.k8s.io',
  kind: 'Gateway',
  name: 'inference-gateway',
  namespace: SERVING,
};
const TEAM = 'team-a';
const RAY = 'ray-system';

/** EKS managed node groups (named after the `node-pool` label) and their sizes. */
const NODE_GROUPS = [
  { name: 'h100', nodes: 2, max: 8 },
  { name: 'a100-mig', nodes: 1, max: 4 },
  { name: 't4-shared', nodes: 1, max: 4 },
  { name: 'h100-dra', nodes: 2, max: 8 },
  { name: 'l4-vgpu', nodes: 1, max: 4 },
  { name: 'system', nodes: 2, max: 4 },
];

/**
 * The nodes, labelled as EKS labels managed node group members. Their containerd has gVisor
 * configured (as the upstream conformance CI's node image does), so each reports `runsc`.
 */
function nodes(): KubeObject[] {
  return nodesByPool().map(n => {
    const pool = n.metadata.labels!['node-pool'];
    n.metadata.labels = {
      ...n.metadata.labels,
      'eks.amazonaws.com/nodegroup': pool,
      'eks.amazonaws.com/capacityType': 'ON_DEMAND',
    };
    n.status = {
      ...n.status,
      runtimeHandlers: reportedRuntimeHandlers(['runc', 'runsc']),
    };
    return n;
  });
}

function nodesByPool(): KubeObject[] {
  const zone = 'us-east-1a';
  return [
    // device-plugin H100 pool
    ...[0, 1].map(i =>
      kwokNode({
        name: `gpu-h100-${i}`,
        instanceType: 'p5.48xlarge',
        zone,
        cpu: 192,
        memoryGi: 2048,
        labels: { ...gfdLabels(H100, {}), 'node-pool': 'h100' },
        extended: { 'nvidia.com/gpu': '8' },
      }),
    ),
    // MIG mixed strategy: nvidia.com/gpu is 0, MIG profiles are separate resources
    kwokNode({
      name: 'gpu-a100-mig-0',
      instanceType: 'p4de.24xlarge',
      zone,
      cpu: 96,
      memoryGi: 1152,
      labels: {
        ...gfdLabels(A100, {
          mig: {
            strategy: 'mixed',
            config: 'all-balanced',
            profiles: A100_MIG,
          },
        }),
        'node-pool': 'a100-mig',
      },
      extended: {
        'nvidia.com/gpu': '0',
        ...Object.fromEntries(
          A100_MIG.map(p => [`nvidia.com/mig-${p.profile}`, String(p.count)]),
        ),
      },
    }),
    // time-sliced T4: 1 GPU advertised 4 times
    kwokNode({
      name: 'gpu-t4-shared-0',
      instanceType: 'g4dn.2xlarge',
      zone: 'us-east-1b',
      cpu: 8,
      memoryGi: 32,
      labels: {
        ...gfdLabels(T4, {
          sharing: { strategy: 'time-slicing', replicas: 4 },
        }),
        'node-pool': 't4-shared',
      },
      extended: { 'nvidia.com/gpu': '4' },
    }),
    // DRA pool: GPUs published as ResourceSlices by the NVIDIA DRA driver, no device plugin
    ...[0, 1].map(i =>
      kwokNode({
        name: `gpu-h100-dra-${i}`,
        instanceType: 'p5.48xlarge',
        zone: 'us-east-1b',
        cpu: 192,
        memoryGi: 2048,
        labels: {
          ...gfdLabels(H100, { devicePlugin: false }),
          'nvidia.com/dra-kubelet-plugin': 'true',
          'node-pool': 'h100-dra',
        },
      }),
    ),
    // vGPU guest: GFD labels it nvidia.com/vgpu.present=true
    kwokNode({
      name: 'gpu-l4-vgpu-0',
      instanceType: 'g6f.large',
      zone,
      cpu: 2,
      memoryGi: 8,
      labels: {
        ...gfdLabels(L4_VGPU, {}),
        'nvidia.com/vgpu.present': 'true',
        'nvidia.com/vgpu.host-driver-version': '580.95.02',
        'nvidia.com/vgpu.host-driver-branch': 'r580_00',
        'node-pool': 'l4-vgpu',
      },
      extended: { 'nvidia.com/gpu': '1' },
    }),
    ...[0, 1].map(i =>
      kwokNode({
        name: `cpu-${i}`,
        instanceType: 'm7i.4xlarge',
        zone,
        cpu: 16,
        memoryGi: 64,
        labels: { 'node-pool': 'system' },
      }),
    ),
  ];
}

function gpuOperator(): KubeObject[] {
  return [
    ns(GPU_OPERATOR),
    daemonSet(
      GPU_OPERATOR,
      'nvidia-device-plugin-daemonset',
      {
        nodeSelector: { 'nvidia.com/gpu.deploy.device-plugin': 'true' },
        tolerations: [
          { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
        ],
        priorityClassName: 'system-node-critical',
        containers: [
          container(
            'nvidia-device-plugin',
            'nvcr.io/nvidia/k8s-device-plugin:v0.18.0',
            {},
            { securityContext: { privileged: true } },
          ),
        ],
      },
      { 'app.kubernetes.io/part-of': 'gpu-operator' },
    ),
    daemonSet(
      GPU_OPERATOR,
      'nvidia-dra-driver-gpu-kubelet-plugin',
      {
        nodeSelector: { 'nvidia.com/dra-kubelet-plugin': 'true' },
        priorityClassName: 'system-node-critical',
        containers: [
          container(
            'gpus',
            'nvcr.io/nvidia/k8s-dra-driver-gpu:v25.8.0',
            {},
            {
              securityContext: { privileged: true },
            },
          ),
        ],
      },
      { 'app.kubernetes.io/name': 'nvidia-dra-driver-gpu' },
    ),
    ...gpuOperatorNodeComponents(GPU_OPERATOR, DRIVER),
    ...metricsExporter({
      namespace: GPU_OPERATOR,
      name: 'nvidia-dcgm-exporter',
      image: 'nvcr.io/nvidia/k8s/dcgm-exporter:4.4.1-4.6.0-ubuntu22.04',
      port: 9400,
      portName: 'gpu-metrics',
      nodeSelector: { 'nvidia.com/gpu.deploy.dcgm-exporter': 'true' },
      labels: { 'app.kubernetes.io/part-of': 'gpu-operator' },
    }),
  ];
}

function gateway(): { objects: KubeObject[]; statuses: KubeObject[] } {
  const gc = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: 'istio' },
  };
  const gw = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'inference-gateway', namespace: SERVING },
  };
  return {
    objects: [
      {
        ...gc,
        spec: {
          controllerName: 'istio.io/gateway-controller',
          description: 'The default Istio GatewayClass',
        },
      },
      {
        ...gw,
        spec: {
          gatewayClassName: 'istio',
          listeners: [
            {
              name: 'http',
              port: 80,
              protocol: 'HTTP',
              allowedRoutes: { namespaces: { from: 'Same' } },
            },
          ],
        },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'llm-route', namespace: SERVING },
        spec: {
          parentRefs: [{ name: 'inference-gateway' }],
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: '/' } }],
              backendRefs: [
                {
                  group: 'inference.networking.k8s.io',
                  kind: 'InferencePool',
                  name: 'vllm-llama3-8b',
                },
              ],
            },
          ],
        },
      },
    ],
    statuses: [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'llm-route', namespace: SERVING },
        status: {
          parents: [
            {
              parentRef: INFERENCE_GATEWAY_REF,
              controllerName: 'istio.io/gateway-controller',
              conditions: [
                condition('Accepted', 'Accepted', 'Route was valid'),
                condition(
                  'ResolvedRefs',
                  'ResolvedRefs',
                  'All references resolved',
                ),
              ],
            },
          ],
        },
      },
      {
        ...gc,
        status: {
          conditions: [
            condition('Accepted', 'Accepted', 'Handled by Istio controller'),
            condition('SupportedVersion', 'SupportedVersion'),
          ],
        },
      },
      {
        ...gw,
        status: {
          addresses: [{ type: 'IPAddress', value: '10.96.120.15' }],
          conditions: [
            condition('Accepted', 'Accepted', 'Resource accepted'),
            condition(
              'Programmed',
              'Programmed',
              'Resource programmed, assigned to service(s) inference-gateway-istio.ml-serving.svc.cluster.local:80',
            ),
          ],
          listeners: [
            {
              name: 'http',
              attachedRoutes: 1,
              supportedKinds: [
                { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' },
                { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' },
              ],
              conditions: [
                condition('Accepted', 'Accepted'),
                condition('Programmed', 'Programmed'),
                condition('ResolvedRefs', 'ResolvedRefs'),
                condition('Conflicted', 'NoConflicts', '', 'False'),
              ],
            },
          ],
        },
      },
    ],
  };
}

function kueue(): { objects: KubeObject[]; statuses: KubeObject[] } {
  const api = 'kueue.x-k8s.io/v1beta2';
  const cq = {
    apiVersion: api,
    kind: 'ClusterQueue',
    metadata: { name: 'gpu-cluster-queue' },
  };
  const lq = {
    apiVersion: api,
    kind: 'LocalQueue',
    metadata: { name: 'user-queue', namespace: TEAM },
  };
  return {
    objects: [
      ns(TEAM, { 'kueue.x-k8s.io/managed': 'true' }),
      {
        apiVersion: api,
        kind: 'ResourceFlavor',
        metadata: { name: 'h100' },
        spec: { nodeLabels: { 'nvidia.com/gpu.product': H100.product } },
      },
      {
        apiVersion: api,
        kind: 'ResourceFlavor',
        metadata: { name: 'default-flavor' },
        spec: {},
      },
      {
        ...cq,
        spec: {
          namespaceSelector: {},
          queueingStrategy: 'BestEffortFIFO',
          resourceGroups: [
            {
              coveredResources: ['cpu', 'memory', 'nvidia.com/gpu'],
              flavors: [
                {
                  name: 'h100',
                  resources: [
                    { name: 'cpu', nominalQuota: '384' },
                    { name: 'memory', nominalQuota: '4Ti' },
                    { name: 'nvidia.com/gpu', nominalQuota: '16' },
                  ],
                },
              ],
            },
          ],
          preemption: {
            withinClusterQueue: 'LowerPriority',
            reclaimWithinCohort: 'Any',
          },
        },
      },
      { ...lq, spec: { clusterQueue: 'gpu-cluster-queue' } },
    ],
    statuses: [
      {
        ...cq,
        status: {
          conditions: [condition('Active', 'Ready', 'Can admit new workloads')],
          pendingWorkloads: 0,
          reservingWorkloads: 0,
          admittedWorkloads: 0,
        },
      },
      {
        ...lq,
        status: {
          conditions: [
            condition(
              'Active',
              'Ready',
              'Can submit new workloads to localQueue',
            ),
          ],
          pendingWorkloads: 0,
          reservingWorkloads: 0,
          admittedWorkloads: 0,
        },
      },
    ],
  };
}

/**
 * KubeRay's validating webhook, wired to a selector-less Service: no endpoints, so admission
 * calls are skipped (failurePolicy Ignore) and the API server never dials a (fake) pod IP. Not
 * part of any scenario: a webhook without a ready endpoint makes `robust_controller` fail, and
 * the control plane cannot serve a real webhook; tests apply it to prove that rule.
 */
export function kuberayWebhookWithoutEndpoints(
  /** PEM of the CA that would sign the webhook's certificate (as cert-manager injects it). */
  caPem?: string,
): KubeObject[] {
  return [
    service(RAY, 'kuberay-webhook-service', undefined, [
      { name: 'https', port: 443, targetPort: 9443 },
    ]),
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: {
        name: 'kuberay-validating-webhook-configuration',
        labels: { 'app.kubernetes.io/name': 'kuberay-operator' },
      },
      webhooks: [
        {
          name: 'vraycluster.kb.io',
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          // Ignore: there is no webhook server behind the Service in this simulation
          failurePolicy: 'Ignore',
          timeoutSeconds: 5,
          clientConfig: {
            ...(caPem
              ? { caBundle: Buffer.from(caPem).toString('base64') }
              : {}),
            service: {
              name: 'kuberay-webhook-service',
              namespace: RAY,
              path: '/validate-ray-io-v1-raycluster',
              port: 443,
            },
          },
          rules: [
            {
              apiGroups: ['ray.io'],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['rayclusters'],
              scope: '*',
            },
          ],
        },
      ],
    },
  ];
}

function kuberay(): { objects: KubeObject[]; statuses: KubeObject[] } {
  const rc = {
    apiVersion: 'ray.io/v1',
    kind: 'RayCluster',
    metadata: { name: 'llm-finetune', namespace: TEAM },
  };
  const rayImage = 'rayproject/ray:2.49.0-py311-gpu';
  return {
    objects: [
      ns(RAY),
      deployment(
        RAY,
        'kuberay-operator',
        1,
        {
          containers: [
            container(
              'kuberay-operator',
              'quay.io/kuberay/operator:v1.5.0',
              {},
              { ports: [{ name: 'webhook', containerPort: 9443 }] },
            ),
          ],
        },
        { 'app.kubernetes.io/component': 'kuberay-operator' },
      ),
      {
        ...rc,
        spec: {
          rayVersion: '2.49.0',
          headGroupSpec: {
            rayStartParams: { 'dashboard-host': '0.0.0.0' },
            template: {
              spec: {
                containers: [
                  container('ray-head', rayImage, { cpu: '4', memory: '16Gi' }),
                ],
              },
            },
          },
          workerGroupSpecs: [
            {
              groupName: 'gpu-workers',
              replicas: 2,
              minReplicas: 0,
              maxReplicas: 4,
              rayStartParams: {},
              template: {
                spec: {
                  containers: [
                    container('ray-worker', rayImage, {
                      cpu: '16',
                      memory: '128Gi',
                      'nvidia.com/gpu': '1',
                    }),
                  ],
                },
              },
            },
          ],
        },
      },
    ],
    statuses: [
      {
        ...rc,
        status: {
          state: 'ready',
          readyWorkerReplicas: 2,
          availableWorkerReplicas: 2,
          desiredWorkerReplicas: 2,
          minWorkerReplicas: 0,
          maxWorkerReplicas: 4,
          desiredCPU: '36',
          desiredMemory: '272Gi',
          desiredGPU: '2',
          desiredTPU: '0',
          conditions: [
            condition('HeadPodReady', 'HeadPodRunningAndReady'),
            condition(
              'RayClusterProvisioned',
              'AllPodRunningAndReadyFirstTime',
            ),
          ],
          endpoints: {
            client: '10001',
            dashboard: '8265',
            'gcs-server': '6379',
            metrics: '8080',
          },
          head: { serviceName: 'llm-finetune-head-svc' },
        },
      },
    ],
  };
}

function serving(): { objects: KubeObject[]; statuses: KubeObject[] } {
  const isvc = {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name: 'llama-3-8b', namespace: SERVING },
  };
  const pool = {
    apiVersion: 'inference.networking.k8s.io/v1',
    kind: 'InferencePool',
    metadata: { name: 'vllm-llama3-8b', namespace: SERVING },
  };
  const vllmLabels = { app: 'vllm-llama3-8b' };
  return {
    objects: [
      ns(SERVING, { team: 'ml-platform' }),
      {
        ...isvc,
        metadata: {
          ...isvc.metadata,
          annotations: {
            'serving.kserve.io/deploymentMode': 'RawDeployment',
            'serving.kserve.io/autoscalerClass': 'hpa',
          },
        },
        spec: {
          predictor: {
            minReplicas: 1,
            maxReplicas: 2,
            model: {
              modelFormat: { name: 'huggingface' },
              args: [
                '--model_name=llama3',
                '--model_id=meta-llama/Meta-Llama-3-8B-Instruct',
              ],
              resources: {
                requests: { cpu: '6', memory: '24Gi', 'nvidia.com/gpu': '1' },
                limits: { cpu: '6', memory: '24Gi', 'nvidia.com/gpu': '1' },
              },
            },
          },
        },
      },
      deployment(
        SERVING,
        'llama-3-8b-predictor',
        1,
        {
          containers: [
            container(
              'kserve-container',
              'kserve/huggingfaceserver:v0.16.0-gpu',
              { cpu: '6', memory: '24Gi', 'nvidia.com/gpu': '1' },
            ),
          ],
        },
        {
          'serving.kserve.io/inferenceservice': 'llama-3-8b',
          component: 'predictor',
        },
      ),
      deployment(
        SERVING,
        'vllm-llama3-8b',
        2,
        {
          nodeSelector: { 'nvidia.com/gpu.product': H100.product },
          containers: [
            container(
              'vllm',
              'vllm/vllm-openai:v0.11.0',
              { cpu: '8', memory: '64Gi', 'nvidia.com/gpu': '2' },
              { ports: [{ name: 'http', containerPort: 8000 }] },
            ),
          ],
        },
        vllmLabels,
      ),
      // the endpoint picker (EPP) the pool names; its Service gets the picker's ready endpoints
      deployment(SERVING, 'vllm-llama3-8b-epp', 1, {
        containers: [
          container(
            'epp',
            'registry.k8s.io/gateway-api-inference-extension/epp:v1.0.1',
            { cpu: '1', memory: '1Gi' },
            { ports: [{ name: 'grpc', containerPort: 9002 }] },
          ),
        ],
      }),
      service(
        SERVING,
        'vllm-llama3-8b-epp',
        { 'app.kubernetes.io/name': 'vllm-llama3-8b-epp' },
        [{ name: 'grpc-ext-proc', port: 9002, targetPort: 9002 }],
      ),
      {
        ...pool,
        spec: {
          selector: { matchLabels: vllmLabels },
          targetPorts: [{ number: 8000 }],
          endpointPickerRef: {
            name: 'vllm-llama3-8b-epp',
            kind: 'Service',
            port: { number: 9002 },
            failureMode: 'FailClose',
          },
        },
      },
      {
        apiVersion: 'inference.networking.x-k8s.io/v1alpha2',
        kind: 'InferenceObjective',
        metadata: { name: 'llama3-chat', namespace: SERVING },
        spec: {
          priority: 10,
          poolRef: {
            group: 'inference.networking.k8s.io',
            name: 'vllm-llama3-8b',
          },
        },
      },
      // a pod whose MIG slice the scheduler places on the A100 node
      deployment(SERVING, 'embeddings-mig', 2, {
        containers: [
          container(
            'tei',
            'ghcr.io/huggingface/text-embeddings-inference:1.8',
            { cpu: '2', memory: '8Gi', 'nvidia.com/mig-1g.10gb': '1' },
          ),
        ],
      }),
      // time-sliced T4 replicas
      deployment(SERVING, 'whisper-t4', 2, {
        nodeSelector: { 'nvidia.com/gpu.product': `${T4.product}-SHARED` },
        containers: [
          container('whisper', 'ghcr.io/ggml-org/whisper.cpp:main-cuda', {
            cpu: '1',
            memory: '4Gi',
            'nvidia.com/gpu': '1',
          }),
        ],
      }),
      // DRA: a claim template and a workload allocated by the real scheduler
      {
        apiVersion: 'resource.k8s.io/v1',
        kind: 'ResourceClaimTemplate',
        metadata: { name: 'single-h100', namespace: SERVING },
        spec: {
          spec: {
            devices: {
              requests: [
                {
                  name: 'gpu',
                  exactly: {
                    deviceClassName: 'gpu.nvidia.com',
                    selectors: [
                      {
                        cel: {
                          expression:
                            "device.attributes['gpu.nvidia.com'].productName.matches('H100')",
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        },
      },
      deployment(SERVING, 'dra-inference', 2, {
        resourceClaims: [
          { name: 'gpu', resourceClaimTemplateName: 'single-h100' },
        ],
        containers: [
          container(
            'server',
            'vllm/vllm-openai:v0.11.0',
            { cpu: '8', memory: '64Gi' },
            {
              resources: {
                requests: { cpu: '8', memory: '64Gi' },
                claims: [{ name: 'gpu' }],
              },
            },
          ),
        ],
      }),
    ],
    statuses: [
      {
        ...isvc,
        status: {
          url: 'http://llama-3-8b-ml-serving.example.com',
          address: {
            url: 'http://llama-3-8b-predictor.ml-serving.svc.cluster.local',
          },
          deploymentMode: 'RawDeployment',
          components: {
            predictor: {
              url: 'http://llama-3-8b-predictor-ml-serving.example.com',
            },
          },
          conditions: [
            condition('IngressReady', ''),
            condition('PredictorReady', ''),
            condition('Ready', ''),
          ],
          modelStatus: {
            transitionStatus: 'UpToDate',
            states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
            copies: { totalCopies: 1, failedCopies: 0 },
          },
          observedGeneration: 1,
        },
      },
      {
        ...pool,
        status: {
          parents: [
            {
              parentRef: INFERENCE_GATEWAY_REF,
              conditions: [
                condition('Accepted', 'Accepted'),
                condition('ResolvedRefs', 'ResolvedRefs'),
              ],
            },
          ],
        },
      },
    ],
  };
}

export const conformantNvidia: Scenario = {
  name: 'conformant-nvidia',
  description:
    'NVIDIA GPU cluster (EKS-shaped) meant to pass: H100 (device plugin and DRA), A100 MIG mixed, time-sliced T4, L4 vGPU, DRANET RDMA NICs, DCGM exporter + ServiceMonitor + Prometheus, Gateway API, Kueue, KubeRay with webhook, KServe and InferencePool, llm-d prefill/decode, gVisor RuntimeClass, Cluster Autoscaler, custom metrics APIService (unavailable: no endpoints)',
  async build() {
    const crds = [
      ...(await upstreamCrds('gateway-api')),
      ...(await upstreamCrds('kueue')),
      ...(await upstreamCrds('kuberay')),
      ...(await upstreamCrds('prometheus-operator')),
      ...kserveCrds(),
      ...inferenceExtensionCrds(),
    ];
    const parts = [
      gateway(),
      kueue(),
      kueueController(),
      kuberay(),
      serving(),
      prometheusStack(),
    ];
    return {
      crds,
      nodes: nodes(),
      objects: uids => [
        ...nvidiaDeviceClasses(),
        ...['gpu-h100-dra-0', 'gpu-h100-dra-1'].map(n =>
          nvidiaGpuSlice({ name: n, uid: uids.get(n) }, H100, CUDA),
        ),
        ...gpuOperator(),
        ...customMetricsApiService(),
        ...parts.flatMap(p => p.objects),
        gvisorRuntimeClass(),
        ...dranet(
          ['gpu-h100-0', 'gpu-h100-1'].map(n => ({
            name: n,
            uid: uids.get(n),
          })),
          { 'eks.amazonaws.com/nodegroup': 'h100' },
          8,
        ),
        ...llmdPrefillDecode({
          namespace: 'llm-d',
          model: 'llama-3-1-8b',
          nodeSelector: { 'nvidia.com/gpu.product': H100.product },
        }),
        ...clusterAutoscaler(NODE_GROUPS),
        ...infrastructureAgents(),
      ],
      statuses: parts.flatMap(p => p.statuses),
    };
  },
};

/**
 * `conformant-nvidia` plus workload pods that reach an H100 node's GPUs around the device
 * plugin (privileged, in a vendor-prefixed namespace too; privileged init container; device
 * hostPath; NVIDIA_VISIBLE_DEVICES=all without a GPU request): secure access must fail.
 */
export const nvidiaBypass: Scenario = {
  name: 'nvidia-bypass',
  description:
    'conformant-nvidia plus workload pods that bypass GPU mediation (privileged, privileged init container, /dev/nvidia0 hostPath, NVIDIA_VISIBLE_DEVICES=all), one of them in the vendor-prefixed namespace nvidia-experiments',
  async build() {
    const base = await conformantNvidia.build();
    return {
      ...base,
      objects: uids => [
        ...base.objects(uids),
        ...secureAccessBypasses('gpu-h100-0'),
      ],
    };
  },
};
