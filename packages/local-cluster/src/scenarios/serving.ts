import { KubeObject } from '../client/rest';
import {
  inferenceExtensionAlphaCrds,
  inferenceExtensionCrds,
  kserveCrds,
  servingOperatorCrds,
  upstreamCrds,
} from './crds';
import { nvidiaDeviceClasses, nvidiaGpuSlice } from './dra';
import { H100 } from './nvidia';
import { gfdLabels, kwokNode } from './nodes';
import {
  Scenario,
  condition,
  container,
  deployment,
  ns,
  service,
} from './types';

/* Model servers of every kind discovery supports, each with the status variants ready, not ready
   and no URL, in namespaces whose labels name an owner and a system (the catalog module reads
   them). Objects are modelled on the upstream samples (KServe, GAIE, KubeRay, NIM Operator,
   Dynamo, vLLM production-stack, llm-d); custom resources carry their status as the operators
   write it, since no operator runs here. */

export const SERVING_NS = 'model-serving';
export const SERVING_TEAM_NS = 'team-search';
const GPU = { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' };

type Part = { objects: KubeObject[]; statuses: KubeObject[] };

const ready = { conditions: [condition('Ready', 'Ready')] };
const notReady = (reason: string, message: string) => ({
  conditions: [condition('Ready', reason, message, 'False')],
});

function cr(
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  status?: Record<string, unknown>,
  labels: Record<string, string> = {},
): Part {
  const metadata = namespace ? { name, namespace, labels } : { name, labels };
  return {
    objects: [{ apiVersion, kind, metadata, spec }],
    statuses: status
      ? [
          {
            apiVersion,
            kind,
            metadata: namespace ? { name, namespace } : { name },
            status,
          },
        ]
      : [],
  };
}

function merge(...parts: Part[]): Part {
  return {
    objects: parts.flatMap(p => p.objects),
    statuses: parts.flatMap(p => p.statuses),
  };
}

/** A KServe InferenceService with the predictor Deployment and Service KServe would create. */
function inferenceService(
  namespace: string,
  name: string,
  status?: Record<string, unknown>,
  runtime = 'kserve-huggingfaceserver',
): Part {
  const labels = {
    'serving.kserve.io/inferenceservice': name,
    component: 'predictor',
  };
  return merge(
    cr(
      'serving.kserve.io/v1beta1',
      'InferenceService',
      namespace,
      name,
      {
        predictor: {
          minReplicas: 1,
          model: {
            modelFormat: { name: 'huggingface' },
            runtime,
            storageUri: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
            resources: { limits: { 'nvidia.com/gpu': '1' } },
          },
        },
      },
      status,
    ),
    {
      objects: [
        deployment(
          namespace,
          `${name}-predictor`,
          1,
          {
            containers: [
              container(
                'kserve-container',
                'kserve/huggingfaceserver:v0.15.2-gpu',
                GPU,
              ),
            ],
          },
          labels,
          labels,
        ),
        service(namespace, `${name}-predictor`, labels, [
          { name: 'http', port: 80, targetPort: 8080 },
        ]),
      ],
      statuses: [],
    },
  );
}

function llmInferenceService(
  apiVersion: string,
  namespace: string,
  name: string,
  status?: Record<string, unknown>,
): Part {
  const labels = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': 'llminferenceservice',
    'kserve.io/component': 'workload',
  };
  return merge(
    cr(
      apiVersion,
      'LLMInferenceService',
      namespace,
      name,
      {
        model: { uri: 'hf://Qwen/Qwen3-0.6B', name: 'Qwen/Qwen3-0.6B' },
        replicas: 1,
        router: { scheduler: {}, route: {}, gateway: {} },
        template: {
          containers: [
            container('main', 'ghcr.io/llm-d/llm-d-cuda:v0.9.0', GPU),
          ],
        },
      },
      status,
    ),
    {
      objects: [
        deployment(
          namespace,
          `${name}-kserve`,
          1,
          {
            containers: [
              container('main', 'ghcr.io/llm-d/llm-d-cuda:v0.9.0', GPU),
            ],
          },
          labels,
          labels,
        ),
      ],
      statuses: [],
    },
  );
}

/** An InferencePool of either group with the vLLM Deployment (and Service) behind it. */
function inferencePool(
  apiVersion: string,
  namespace: string,
  name: string,
  replicas: number,
  accepted: boolean,
): Part {
  const app = { app: `${name}-vllm` };
  const v1 = apiVersion.startsWith('inference.networking.k8s.io');
  const spec = v1
    ? {
        selector: { matchLabels: app },
        targetPorts: [{ number: 8000 }],
        endpointPickerRef: {
          name: `${name}-epp`,
          kind: 'Service',
          port: { number: 9002 },
        },
      }
    : {
        selector: app,
        targetPortNumber: 8000,
        extensionRef: { name: `${name}-epp` },
      };
  const parent = {
    parentRef: v1
      ? {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'inference-gateway',
        }
      : {},
    conditions: [
      accepted
        ? condition('Accepted', 'Accepted')
        : condition('Accepted', 'Pending', 'Waiting for controller', 'Unknown'),
    ],
  };
  return merge(
    cr(
      apiVersion,
      'InferencePool',
      namespace,
      name,
      spec,
      v1 ? { parents: [parent] } : { parent: [parent] },
    ),
    {
      objects: [
        deployment(
          namespace,
          `${name}-vllm`,
          replicas,
          {
            containers: [
              container('vllm', 'vllm/vllm-openai:v0.10.1', GPU, {
                args: [
                  '--model',
                  'meta-llama/Llama-3.1-8B-Instruct',
                  '--port',
                  '8000',
                ],
              }),
            ],
          },
          app,
          app,
        ),
        // Only the accepted pool's servers have a Service (the other reports no URL).
        ...(accepted
          ? [
              service(namespace, `${name}-vllm`, app, [
                { name: 'http', port: 8000 },
              ]),
            ]
          : []),
      ],
      statuses: [],
    },
  );
}

/** An NVIDIA Dynamo graph deployment (disaggregated vLLM: frontend, prefill and decode workers). */
function dynamoGraph(
  namespace: string,
  name: string,
  status: Record<string, unknown>,
): Part {
  const worker = (subComponentType: string) => ({
    componentType: 'worker',
    subComponentType,
    replicas: 1,
    resources: { limits: { gpu: '1' } },
    extraPodSpec: {
      mainContainer: {
        image: 'nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.4.1',
        args: ['--model', 'Qwen/Qwen3-0.6B'],
      },
    },
  });
  return cr(
    'nvidia.com/v1alpha1',
    'DynamoGraphDeployment',
    namespace,
    name,
    {
      backendFramework: 'vllm',
      services: {
        Frontend: {
          componentType: 'frontend',
          replicas: 1,
          extraPodSpec: {
            mainContainer: {
              image: 'nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.4.1',
            },
          },
        },
        VllmPrefillWorker: worker('prefill'),
        VllmDecodeWorker: worker('decode'),
      },
    },
    status,
  );
}

function plainServers(namespace: string): KubeObject[] {
  const plain = (name: string, image: string, args: string[], replicas = 1) =>
    deployment(namespace, name, replicas, {
      containers: [container('server', image, GPU, { args })],
    });
  const ollama: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'ollama', namespace },
    spec: {
      replicas: 1,
      serviceName: 'ollama',
      selector: { matchLabels: { 'app.kubernetes.io/name': 'ollama' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'ollama' } },
        spec: { containers: [container('ollama', 'ollama/ollama:0.9.0', GPU)] },
      },
    },
  };
  return [
    plain('vllm-qwen', 'vllm/vllm-openai:v0.10.1', [
      '--model',
      'Qwen/Qwen3-8B',
    ]),
    service(namespace, 'vllm-qwen', { 'app.kubernetes.io/name': 'vllm-qwen' }, [
      { name: 'http', port: 8000 },
    ]),
    plain('tgi-gemma', 'ghcr.io/huggingface/text-generation-inference:3.3.4', [
      '--model-id',
      'google/gemma-2-2b-it',
    ]),
    plain('triton', 'nvcr.io/nvidia/tritonserver:25.01-py3', [
      'tritonserver',
      '--model-repository=s3://models/triton',
    ]),
    plain('sglang-qwen', 'lmsysorg/sglang:v0.4.9', [
      'python3',
      '-m',
      'sglang.launch_server',
      '--model-path',
      'Qwen/Qwen3-4B',
    ]),
    ollama,
    // A private build recognised by its app.kubernetes.io/name label, not by its image.
    deployment(
      namespace,
      'llm-server',
      1,
      {
        containers: [
          container('server', 'ml-platform/llm-server:2.1', GPU, {
            args: ['--model', 'Qwen/Qwen3-32B'],
          }),
        ],
      },
      {},
      {
        'app.kubernetes.io/name': 'vllm',
        'app.kubernetes.io/instance': 'llm-server',
      },
    ),
    // Scaled to zero: not ready, accelerators only as requested.
    plain(
      'vllm-idle',
      'vllm/vllm-openai:v0.10.1',
      ['--model', 'Qwen/Qwen3-1.7B'],
      0,
    ),
  ];
}

/** The vLLM production-stack Helm chart's engine Deployment and router Service. */
function productionStackEngine(namespace: string): KubeObject[] {
  return [
    deployment(
      namespace,
      'vllm-prod-llama3-deployment-vllm',
      1,
      {
        containers: [
          container('vllm', 'vllm/vllm-openai:v0.10.1', GPU, {
            command: ['vllm', 'serve', 'meta-llama/Llama-3.2-1B-Instruct'],
            args: ['--host', '0.0.0.0', '--port', '8000'],
          }),
        ],
      },
      {
        model: 'llama3',
        'helm-release-name': 'vllm-prod',
        'app.kubernetes.io/component': 'serving-engine',
      },
    ),
    service(
      namespace,
      'vllm-prod-router-service',
      { app: 'vllm-prod-router' },
      [{ name: 'router-sport', port: 80, targetPort: 8000 }],
    ),
  ];
}

function llmd(namespace: string): KubeObject[] {
  const role = (r: string, replicas: number) =>
    deployment(
      namespace,
      `llama-${r}`,
      replicas,
      {
        containers: [
          container('vllm', 'ghcr.io/llm-d/llm-d-cuda:v0.5.0', GPU, {
            args: ['--model', 'meta-llama/Llama-3.1-8B-Instruct'],
          }),
        ],
      },
      {
        'llm-d.ai/inference-serving': 'true',
        'llm-d.ai/model': 'Llama-3.1-8B-Instruct',
        'llm-d.ai/role': r,
      },
      { 'app.kubernetes.io/name': `llama-${r}` },
    );
  return [role('prefill', 1), role('decode', 1)];
}

function leaderWorkerSet(namespace: string): KubeObject {
  const template = {
    spec: {
      containers: [
        container('vllm', 'ghcr.io/llm-d/llm-d-cuda:v0.5.0', GPU, {
          args: ['--model', 'deepseek-ai/DeepSeek-R1'],
        }),
      ],
    },
  };
  return {
    apiVersion: 'leaderworkerset.x-k8s.io/v1',
    kind: 'LeaderWorkerSet',
    metadata: {
      name: 'deepseek-decode',
      namespace,
      labels: { 'llm-d.ai/role': 'decode', 'llm-d.ai/model': 'DeepSeek-R1' },
    },
    spec: {
      replicas: 1,
      leaderWorkerTemplate: {
        size: 2,
        leaderTemplate: template,
        workerTemplate: template,
      },
    },
  };
}

/** DRA: a vLLM server whose GPU comes from a ResourceClaimTemplate (the scheduler allocates it). */
function draServer(namespace: string): KubeObject[] {
  return [
    {
      apiVersion: 'resource.k8s.io/v1',
      kind: 'ResourceClaimTemplate',
      metadata: { name: 'one-h100', namespace },
      spec: {
        spec: {
          devices: {
            requests: [
              { name: 'gpu', exactly: { deviceClassName: 'gpu.nvidia.com' } },
            ],
          },
        },
      },
    },
    deployment(namespace, 'vllm-dra', 1, {
      resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'one-h100' }],
      containers: [
        container(
          'vllm',
          'vllm/vllm-openai:v0.10.1',
          {},
          {
            args: ['--model', 'Qwen/Qwen3-14B'],
            resources: {
              requests: { cpu: '4', memory: '16Gi' },
              claims: [{ name: 'gpu' }],
            },
          },
        ),
      ],
    }),
  ];
}

/** Every kind and API version with status variants (the integration tests' inputs). */
export function modelServers(
  namespace = SERVING_NS,
  teamNamespace = SERVING_TEAM_NS,
): Part {
  const url = (name: string) => ({
    url: `https://${name}.${namespace}.example.com`,
  });
  const rayService = (name: string, status: Record<string, unknown>) =>
    cr(
      'ray.io/v1',
      'RayService',
      namespace,
      name,
      {
        serveConfigV2: `applications:\n- name: llms\n  import_path: ray.serve.llm:build_openai_app\n  args:\n    llm_configs:\n    - model_loading_config:\n        model_id: ${name}-qwen\n        model_source: Qwen/Qwen2.5-7B-Instruct\n`,
        rayClusterConfig: {
          rayVersion: '2.46.0',
          headGroupSpec: {
            rayStartParams: {},
            template: {
              spec: {
                containers: [
                  container('ray-head', 'rayproject/ray-llm:2.46.0'),
                ],
              },
            },
          },
          workerGroupSpecs: [
            {
              groupName: 'gpu',
              replicas: 1,
              minReplicas: 1,
              maxReplicas: 2,
              rayStartParams: {},
              template: {
                spec: {
                  containers: [
                    container('ray-worker', 'rayproject/ray-llm:2.46.0', GPU),
                  ],
                },
              },
            },
          ],
        },
      },
      status,
    );
  const nim = (name: string, status?: Record<string, unknown>) =>
    cr(
      'apps.nvidia.com/v1alpha1',
      'NIMService',
      namespace,
      name,
      {
        image: {
          repository: 'nvcr.io/nim/meta/llama-3.1-8b-instruct',
          tag: '1.8.4',
        },
        storage: { nimCache: { name: 'llama-3-1-8b' } },
        replicas: 1,
        resources: { limits: { 'nvidia.com/gpu': 1 } },
        expose: { service: { type: 'ClusterIP', port: 8000 } },
      },
      status,
    );
  return merge(
    {
      objects: [
        ns(namespace, { team: 'ml-platform', system: 'inference-platform' }),
        ns(teamNamespace, { team: 'search' }),
      ],
      statuses: [],
    },
    // KServe InferenceService v1beta1: ready with URL / not ready / ready without URL
    inferenceService(namespace, 'isvc-ready', {
      ...ready,
      ...url('isvc-ready'),
      clusterServingRuntimeName: 'kserve-huggingfaceserver',
    }),
    inferenceService(
      namespace,
      'isvc-failing',
      notReady(
        'RevisionFailed',
        'Revision "isvc-failing-predictor-00001" failed with message: 0/4 nodes are available',
      ),
    ),
    inferenceService(namespace, 'isvc-no-url', { ...ready }),
    // A namespaced ServingRuntime (Triton, gRPC only) named by the InferenceService's status.
    inferenceService(
      namespace,
      'isvc-triton',
      { ...ready, ...url('isvc-triton'), servingRuntimeName: 'triton-grpc' },
      'triton-grpc',
    ),
    cr(
      'serving.kserve.io/v1alpha1',
      'ServingRuntime',
      namespace,
      'triton-grpc',
      {
        supportedModelFormats: [
          { name: 'onnx', version: '1', autoSelect: true },
        ],
        protocolVersions: ['grpc-v2'],
        containers: [
          {
            name: 'kserve-container',
            image: 'nvcr.io/nvidia/tritonserver:25.01-py3',
            args: ['tritonserver', '--model-store=/mnt/models'],
          },
        ],
      },
    ),
    cr(
      'serving.kserve.io/v1alpha1',
      'ClusterServingRuntime',
      '',
      'kserve-huggingfaceserver',
      {
        supportedModelFormats: [
          { name: 'huggingface', version: '1', autoSelect: true },
        ],
        protocolVersions: ['v2', 'v1'],
        containers: [
          {
            name: 'kserve-container',
            image: 'kserve/huggingfaceserver:v0.15.2',
          },
        ],
      },
    ),
    // LLMInferenceService v1alpha2 (preferred): ready with URL / not ready / addresses only
    llmInferenceService('serving.kserve.io/v1alpha2', namespace, 'llm-ready', {
      ...ready,
      ...url('llm-ready'),
    }),
    llmInferenceService(
      'serving.kserve.io/v1alpha2',
      namespace,
      'llm-failing',
      notReady('MainWorkloadNotReady', 'deployment has no ready replicas'),
    ),
    llmInferenceService('serving.kserve.io/v1alpha2', namespace, 'llm-no-url', {
      ...ready,
    }),
    // GAIE, each group: a pool accepted with ready servers and a Service / a pending pool with
    // no ready servers and no Service (no URL)
    inferencePool(
      'inference.networking.k8s.io/v1',
      namespace,
      'pool-v1',
      2,
      true,
    ),
    inferencePool(
      'inference.networking.k8s.io/v1',
      namespace,
      'pool-v1-pending',
      0,
      false,
    ),
    inferencePool(
      'inference.networking.x-k8s.io/v1alpha2',
      namespace,
      'pool-alpha-ready',
      1,
      true,
    ),
    inferencePool(
      'inference.networking.x-k8s.io/v1alpha2',
      namespace,
      'pool-alpha',
      0,
      false,
    ),
    // KubeRay RayService: ready (Ready condition) / not ready / no serve Service yet
    rayService('ray-ready', {
      conditions: [condition('Ready', 'RayServiceReady')],
      serviceStatus: 'Running',
      activeServiceStatus: { rayClusterName: 'ray-ready-abcde' },
    }),
    rayService('ray-failing', {
      conditions: [
        condition(
          'Ready',
          'Initializing',
          'Serve applications are not ready',
          'False',
        ),
      ],
    }),
    rayService('ray-no-url', {
      conditions: [condition('Ready', 'RayServiceReady')],
      serviceStatus: 'Running',
      activeServiceStatus: { rayClusterName: 'ray-no-url-fghij' },
    }),
    {
      objects: [
        service(namespace, 'ray-ready-serve-svc', { 'ray.io/serve': 'true' }, [
          { name: 'serve', port: 8000 },
        ]),
      ],
      statuses: [],
    },
    // NIM: ready with endpoints / not ready / no status at all
    cr('apps.nvidia.com/v1alpha1', 'NIMCache', namespace, 'llama-3-1-8b', {
      source: {
        ngc: { modelPuller: 'nvcr.io/nim/meta/llama-3.1-8b-instruct:1.8.4' },
      },
    }),
    nim('nim-ready', {
      state: 'Ready',
      availableReplicas: 1,
      model: {
        name: 'meta/llama-3.1-8b-instruct',
        clusterEndpoint: `nim-ready.${namespace}.svc.cluster.local:8000`,
        externalEndpoint: 'https://nim.example.com',
      },
    }),
    nim('nim-failing', { state: 'Failed', availableReplicas: 0 }),
    nim('nim-pending'),
    // Dynamo graph deployments: ready with its frontend Service / failed, nothing running
    dynamoGraph(namespace, 'dynamo-disagg', {
      state: 'successful',
      conditions: [condition('Ready', 'AllComponentsReady')],
    }),
    {
      objects: [
        deployment(
          namespace,
          'dynamo-disagg-frontend',
          1,
          {
            containers: [
              container('main', 'nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.4.1'),
            ],
          },
          {},
          {
            'nvidia.com/dynamo-graph-deployment-name': 'dynamo-disagg',
            'nvidia.com/dynamo-component-type': 'frontend',
          },
        ),
        service(
          namespace,
          'dynamo-disagg-frontend',
          {
            'nvidia.com/dynamo-graph-deployment-name': 'dynamo-disagg',
            'nvidia.com/dynamo-component-type': 'frontend',
          },
          [{ name: 'http', port: 8000 }],
        ),
      ],
      statuses: [],
    },
    dynamoGraph(namespace, 'dynamo-failed', {
      state: 'failed',
      conditions: [
        condition(
          'Ready',
          'ComponentsNotReady',
          'VllmDecodeWorker: 0/1 ready',
          'False',
        ),
      ],
    }),
    // vLLM production-stack operator runtime (+ the Deployment it creates)
    cr(
      'production-stack.vllm.ai/v1alpha1',
      'VLLMRuntime',
      namespace,
      'vllmruntime-llama',
      {
        model: { modelURL: 'meta-llama/Llama-3.2-1B-Instruct' },
        vllmConfig: { port: 8000 },
        deploymentConfig: {
          replicas: 1,
          resources: {
            cpu: '4',
            memory: '16Gi',
            gpu: '1',
            gpuType: 'nvidia.com/gpu',
          },
          image: {
            registry: 'docker.io',
            name: 'lmcache/vllm-openai:2025-05-27-v1',
          },
        },
      },
    ),
    {
      objects: [
        deployment(
          namespace,
          'vllmruntime-llama',
          1,
          {
            containers: [
              container('vllm', 'lmcache/vllm-openai:2025-05-27-v1', GPU),
            ],
          },
          {},
          { app: 'vllmruntime-llama' },
        ),
        service(namespace, 'vllmruntime-llama', { app: 'vllmruntime-llama' }, [
          { name: 'http', port: 8000 },
        ]),
      ],
      statuses: [],
    },
    // The operator has not created the Deployment yet: not ready, no URL.
    cr(
      'production-stack.vllm.ai/v1alpha1',
      'VLLMRuntime',
      namespace,
      'vllmruntime-pending',
      {
        model: { modelURL: 'Qwen/Qwen3-0.6B' },
        deploymentConfig: {
          replicas: 1,
          resources: { gpu: '1', gpuType: 'nvidia.com/gpu' },
          image: { name: 'lmcache/vllm-openai:2025-05-27-v1' },
        },
      },
    ),
    {
      objects: [
        ...plainServers(teamNamespace),
        ...productionStackEngine(namespace),
        ...llmd(namespace),
        leaderWorkerSet(namespace),
        ...draServer(namespace),
      ],
      statuses: [],
    },
  );
}

export const modelServing: Scenario = {
  name: 'model-serving',
  description:
    'Model servers of every kind discovery supports (KServe InferenceService/LLMInferenceService, GAIE InferencePool v1 and v1alpha2, KubeRay RayService, NIM, Dynamo, vLLM production-stack, llm-d, LeaderWorkerSet, plain vLLM/TGI/Triton/SGLang/Ollama, DRA) with ready, not-ready and no-URL variants, on H100 nodes (device plugin and DRA)',
  async build() {
    const zone = 'us-east-1a';
    const gpuNode = (name: string, extended?: Record<string, string>) =>
      kwokNode({
        name,
        instanceType: 'p5.48xlarge',
        zone,
        cpu: 192,
        memoryGi: 2048,
        labels: { ...gfdLabels(H100, {}), 'node-pool': 'h100' },
        extended,
      });
    const part = modelServers();
    return {
      crds: [
        ...(await upstreamCrds('kuberay')),
        ...(await upstreamCrds('lws')),
        ...kserveCrds(),
        ...servingOperatorCrds(),
        ...inferenceExtensionCrds(),
        ...inferenceExtensionAlphaCrds(),
      ],
      nodes: [0, 1, 2]
        .map(i => gpuNode(`gpu-h100-${i}`, { 'nvidia.com/gpu': '8' }))
        .concat(gpuNode('gpu-h100-dra-0')),
      objects: uids => [
        ...nvidiaDeviceClasses(),
        nvidiaGpuSlice(
          { name: 'gpu-h100-dra-0', uid: uids.get('gpu-h100-dra-0') },
          H100,
          '13.0',
        ),
        ...part.objects,
      ],
      statuses: part.statuses,
    };
  },
};
