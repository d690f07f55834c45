import { KubeObject } from '../cluster/ClusterReader';
import { servingFacts } from '../__testUtils__/servingObjects';
import { discoverModelServers } from './discoverModelServers';
import { ModelServer } from './ModelServer';

const NS = 'models';

function node(name: string, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    status: {
      allocatable: { 'nvidia.com/gpu': '8' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

function pod(
  name: string,
  labels: Record<string, string>,
  options: {
    node?: string;
    gpus?: number;
    claims?: string[];
    phase?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels },
    spec: {
      nodeName: options.node,
      containers: [
        {
          name: 'server',
          resources: options.gpus
            ? { limits: { 'nvidia.com/gpu': String(options.gpus) } }
            : {},
        },
      ],
      resourceClaims: (options.claims ?? []).map(c => ({
        name: c,
        resourceClaimName: c,
      })),
    },
    status: { phase: options.phase ?? 'Running' },
  };
}

function deployment(
  name: string,
  options: {
    labels?: Record<string, string>;
    image: string;
    args?: string[];
    gpus?: number;
    replicas?: number;
    ready?: number;
    owner?: string;
  },
): KubeObject {
  const labels = { app: name, ...(options.labels ?? {}) };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: NS,
      labels,
      ownerReferences: options.owner
        ? [{ kind: options.owner, name: 'x', controller: true }]
        : undefined,
    },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'server',
              image: options.image,
              args: options.args ?? [],
              resources: options.gpus
                ? { limits: { 'nvidia.com/gpu': options.gpus } }
                : {},
            },
          ],
        },
      },
    },
    status: {
      readyReplicas: options.ready ?? 0,
      availableReplicas: options.ready ?? 0,
      conditions: [
        { type: 'Available', status: options.ready ? 'True' : 'False' },
      ],
    },
  };
}

function service(
  name: string,
  selector: Record<string, string>,
  port = 8000,
  lb?: string,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NS },
    spec: {
      type: lb ? 'LoadBalancer' : 'ClusterIP',
      selector,
      ports: [{ name: 'http', port }],
    },
    status: lb ? { loadBalancer: { ingress: [{ ip: lb }] } } : {},
  };
}

function isvc(name: string, status?: object): KubeObject {
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name, namespace: NS },
    spec: {
      predictor: {
        minReplicas: 1,
        model: {
          modelFormat: { name: 'huggingface' },
          storageUri: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
          resources: { limits: { 'nvidia.com/gpu': '1' } },
        },
      },
    },
    status,
  };
}

const READY = { conditions: [{ type: 'Ready', status: 'True' }] };
const NOT_READY = {
  conditions: [
    {
      type: 'Ready',
      status: 'False',
      reason: 'RevisionMissing',
      message: 'Revision failed',
    },
  ],
};

function discover(objects: KubeObject[]) {
  return discoverModelServers(servingFacts(objects));
}

function only(objects: KubeObject[]): ModelServer {
  const { servers } = discover(objects);
  expect(servers).toHaveLength(1);
  return servers[0];
}

describe('discoverModelServers', () => {
  describe('KServe InferenceService', () => {
    const runtime: KubeObject = {
      apiVersion: 'serving.kserve.io/v1alpha1',
      kind: 'ClusterServingRuntime',
      metadata: { name: 'kserve-huggingfaceserver' },
      spec: {
        protocolVersions: ['v2', 'v1'],
        containers: [
          {
            name: 'kserve-container',
            image: 'kserve/huggingfaceserver:v0.15.2',
          },
        ],
      },
    };

    it('reads model, runtime, URL and readiness of a ready service', () => {
      const server = only([
        runtime,
        isvc('qwen', {
          ...READY,
          url: 'http://qwen.models.example.com',
          clusterServingRuntimeName: 'kserve-huggingfaceserver',
        }),
      ]);
      expect(server).toMatchObject({
        kind: 'InferenceService',
        framework: 'kserve',
        name: 'qwen',
        models: [
          {
            name: 'qwen',
            uri: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
            format: 'huggingface',
          },
        ],
        runtime: {
          name: 'kserve-huggingfaceserver',
          version: 'v0.15.2',
          servingRuntime: 'kserve-huggingfaceserver',
        },
        endpoint: { url: 'http://qwen.models.example.com', source: 'status' },
        apiType: 'openai',
        readiness: 'ready',
        podSelector: { 'serving.kserve.io/inferenceservice': 'qwen' },
      });
    });

    it('reports a not-ready service with the condition reason', () => {
      const server = only([isvc('qwen', NOT_READY)]);
      expect(server.readiness).toBe('not-ready');
      expect(server.readinessReason).toBe('RevisionMissing: Revision failed');
    });

    it('falls back to the predictor Service when status has no URL', () => {
      const server = only([
        isvc('qwen', READY),
        service('qwen-predictor', { app: 'isvc.qwen-predictor' }, 80),
      ]);
      expect(server.endpoint).toEqual({
        url: 'http://qwen-predictor.models.svc.cluster.local',
        source: 'service',
      });
    });

    it('keeps what is known of an object without status or predictor, with warnings', () => {
      const server = only([
        {
          apiVersion: 'serving.kserve.io/v1beta1',
          kind: 'InferenceService',
          metadata: { name: 'odd', namespace: NS },
          spec: {},
        },
      ]);
      expect(server.readiness).toBe('unknown');
      expect(server.warnings).toEqual(
        expect.arrayContaining([
          'spec.predictor is missing',
          'no status yet (the controller has not reconciled it)',
        ]),
      );
      expect(server.endpoint).toBeUndefined();
    });

    it('counts the GPUs of its running pods with the node model, else the spec', () => {
      const running = only([
        isvc('qwen', READY),
        node('gpu-1', { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' }),
        pod(
          'qwen-predictor-1',
          { 'serving.kserve.io/inferenceservice': 'qwen' },
          { node: 'gpu-1', gpus: 1 },
        ),
      ]);
      expect(running.accelerators).toEqual([
        {
          vendor: 'nvidia',
          model: 'NVIDIA-H100-80GB-HBM3',
          count: 1,
          resource: 'nvidia.com/gpu',
          source: 'pods',
        },
      ]);
      const pending = only([isvc('qwen', NOT_READY)]);
      expect(pending.accelerators).toEqual([
        {
          vendor: 'nvidia',
          model: undefined,
          count: 1,
          resource: 'nvidia.com/gpu',
          source: 'spec',
        },
      ]);
    });
  });

  describe('KServe LLMInferenceService', () => {
    const llm = (apiVersion: string, status?: object): KubeObject => ({
      apiVersion,
      kind: 'LLMInferenceService',
      metadata: { name: 'qwen', namespace: NS },
      spec: {
        model: { uri: 'hf://Qwen/Qwen3-8B', name: 'Qwen/Qwen3-8B' },
        replicas: 2,
        prefill: { replicas: 1 },
        template: {
          containers: [
            {
              name: 'main',
              image: 'ghcr.io/llm-d/llm-d-cuda:v0.9.0',
              resources: { limits: { 'nvidia.com/gpu': '1' } },
            },
          ],
        },
      },
      status,
    });

    it.each(['serving.kserve.io/v1alpha1', 'serving.kserve.io/v1alpha2'])(
      'reads %s',
      apiVersion => {
        const server = only([
          llm(apiVersion, {
            ...READY,
            url: 'http://gw.example.com/models/qwen',
          }),
        ]);
        expect(server).toMatchObject({
          apiVersion,
          framework: 'kserve-llm',
          models: [{ name: 'Qwen/Qwen3-8B', uri: 'hf://Qwen/Qwen3-8B' }],
          runtime: { name: 'vllm', version: 'v0.9.0' },
          roles: ['prefill', 'decode'],
          endpoint: {
            url: 'http://gw.example.com/models/qwen',
            source: 'status',
          },
          apiType: 'openai',
          readiness: 'ready',
          replicas: { desired: 2 },
        });
        expect(server.accelerators).toEqual([
          expect.objectContaining({
            vendor: 'nvidia',
            count: 2,
            source: 'spec',
          }),
        ]);
      },
    );

    it('uses status.addresses when there is no url, and reports no URL at all', () => {
      expect(
        only([
          llm('serving.kserve.io/v1alpha2', {
            addresses: [{ url: 'http://10.0.0.5' }],
          }),
        ]).endpoint,
      ).toEqual({
        url: 'http://10.0.0.5',
        source: 'status',
      });
      const none = only([llm('serving.kserve.io/v1alpha2', NOT_READY)]);
      expect(none.endpoint).toBeUndefined();
      expect(none.readiness).toBe('not-ready');
    });

    it('counts DRA devices allocated to its pods once, with the device product name', () => {
      const claim: KubeObject = {
        apiVersion: 'resource.k8s.io/v1',
        kind: 'ResourceClaim',
        metadata: { name: 'qwen-gpu', namespace: NS },
        status: {
          allocation: {
            devices: {
              results: [
                {
                  driver: 'gpu.nvidia.com',
                  pool: 'node-1',
                  device: 'gpu-0',
                  request: 'gpu',
                },
              ],
            },
          },
        },
      };
      const slice: KubeObject = {
        apiVersion: 'resource.k8s.io/v1',
        kind: 'ResourceSlice',
        metadata: { name: 'node-1-gpu' },
        spec: {
          driver: 'gpu.nvidia.com',
          nodeName: 'node-1',
          pool: { name: 'node-1', generation: 1, resourceSliceCount: 1 },
          devices: [
            {
              name: 'gpu-0',
              attributes: { productName: { string: 'NVIDIA A100-SXM4-40GB' } },
            },
          ],
        },
      };
      const labels = {
        'app.kubernetes.io/part-of': 'llminferenceservice',
        'app.kubernetes.io/name': 'qwen',
      };
      const server = only([
        llm('serving.kserve.io/v1alpha2', READY),
        claim,
        slice,
        pod('a', labels, { node: 'node-1', claims: ['qwen-gpu'] }),
        pod('b', labels, { node: 'node-1', claims: ['qwen-gpu'] }),
      ]);
      expect(server.accelerators).toEqual([
        {
          vendor: 'nvidia',
          model: 'NVIDIA A100-SXM4-40GB',
          count: 1,
          resource: 'gpu.nvidia.com',
          source: 'dra',
        },
      ]);
    });
  });

  describe('InferencePool', () => {
    const v1Pool: KubeObject = {
      apiVersion: 'inference.networking.k8s.io/v1',
      kind: 'InferencePool',
      metadata: { name: 'llama', namespace: NS },
      spec: {
        selector: { matchLabels: { app: 'vllm-llama' } },
        targetPorts: [{ number: 8000 }],
        endpointPickerRef: { name: 'epp' },
      },
      status: {
        parents: [
          {
            parentRef: { name: 'gw' },
            conditions: [{ type: 'Accepted', status: 'True' }],
          },
        ],
      },
    };
    const alphaPool: KubeObject = {
      apiVersion: 'inference.networking.x-k8s.io/v1alpha2',
      kind: 'InferencePool',
      metadata: { name: 'llama', namespace: NS },
      spec: {
        selector: { app: 'vllm-llama' },
        targetPortNumber: 8000,
        extensionRef: { name: 'epp' },
      },
      status: {
        parent: [
          {
            parentRef: {},
            conditions: [
              { type: 'Accepted', status: 'Unknown', reason: 'Pending' },
            ],
          },
        ],
      },
    };
    const servers = deployment('vllm-llama', {
      image: 'vllm/vllm-openai:v0.8.5',
      args: ['--model', 'meta-llama/Llama-3.1-8B-Instruct'],
      gpus: 1,
      replicas: 3,
      ready: 3,
    });

    it.each([
      ['inference.networking.k8s.io/v1', v1Pool, 'accepted by a Gateway'],
      [
        'inference.networking.x-k8s.io/v1alpha2',
        alphaPool,
        'no Gateway has accepted the pool yet',
      ],
    ])(
      'reads %s with the model servers behind it as one server',
      (apiVersion, pool, acceptance) => {
        const server = only([
          pool,
          servers,
          service('vllm-llama', { app: 'vllm-llama' }),
        ]);
        expect(server).toMatchObject({
          apiVersion,
          kind: 'InferencePool',
          framework: 'inference-pool',
          models: [{ name: 'meta-llama/Llama-3.1-8B-Instruct' }],
          runtime: { name: 'vllm', version: 'v0.8.5' },
          readiness: 'ready',
          replicas: { desired: 3, ready: 3 },
          endpoint: {
            url: 'http://vllm-llama.models.svc.cluster.local:8000',
            source: 'service',
          },
          accelerators: [
            expect.objectContaining({
              vendor: 'nvidia',
              count: 3,
              source: 'spec',
            }),
          ],
        });
        expect(server.readinessReason).toContain(acceptance);
      },
    );

    it('is not ready without ready model servers, and warns that it has no URL', () => {
      const server = only([
        v1Pool,
        deployment('vllm-llama', {
          image: 'vllm/vllm-openai:v0.8.5',
          ready: 0,
        }),
      ]);
      expect(server.readiness).toBe('not-ready');
      expect(server.endpoint).toBeUndefined();
      expect(server.warnings.join(' ')).toMatch(/no URL/);
    });

    it('leaves out pools an LLMInferenceService owns', () => {
      const owned = {
        ...v1Pool,
        metadata: {
          ...v1Pool.metadata,
          ownerReferences: [
            { kind: 'LLMInferenceService', name: 'q', controller: true },
          ],
        },
      };
      expect(discover([owned]).servers).toEqual([]);
    });
  });

  describe('plain and llm-d workloads', () => {
    it.each([
      [
        'vllm/vllm-openai:v0.10.1',
        ['--model', 'Qwen/Qwen3-0.6B'],
        'vllm',
        'Qwen/Qwen3-0.6B',
        'openai',
      ],
      [
        'ghcr.io/huggingface/text-generation-inference:3.3.4',
        ['--model-id', 'google/gemma-2b'],
        'tgi',
        'google/gemma-2b',
        'openai',
      ],
      [
        'nvcr.io/nvidia/tritonserver:25.01-py3',
        ['tritonserver', '--model-repository=s3://b/m'],
        'triton',
        undefined,
        'grpc',
      ],
      [
        'lmsysorg/sglang:v0.4.9',
        [
          'python3',
          '-m',
          'sglang.launch_server',
          '--model-path',
          'Qwen/Qwen3-8B',
        ],
        'sglang',
        'Qwen/Qwen3-8B',
        'openai',
      ],
      ['ollama/ollama:0.9.0', [], 'ollama', undefined, 'openai'],
    ])('recognises %s', (image, args, runtime, model, apiType) => {
      const server = only([
        deployment('srv', { image, args, ready: 1 }),
        service('srv', { app: 'srv' }, 80, '203.0.113.7'),
      ]);
      expect(server.framework).toBe('workload');
      expect(server.runtime?.name).toBe(runtime);
      expect(server.apiType).toBe(apiType);
      expect(server.models.map(m => m.name)).toEqual(model ? [model] : []);
      expect(server.endpoint).toEqual({
        url: 'http://203.0.113.7',
        source: 'service',
      });
      // a server without a model name says why
      expect(server.warnings.length > 0).toBe(!model);
    });

    it('recognises a runtime by its app label when the image is a private build', () => {
      const server = only([
        deployment('srv', {
          image: 'registry.corp/ml/serving:1.0',
          labels: { 'app.kubernetes.io/name': 'vllm' },
          ready: 1,
        }),
      ]);
      expect(server.runtime).toEqual({
        name: 'vllm',
        version: undefined,
        image: 'registry.corp/ml/serving:1.0',
      });
    });

    it('ignores other Deployments and those a serving operator owns', () => {
      expect(
        discover([
          deployment('web', { image: 'nginx:1.27' }),
          deployment('owned', {
            image: 'vllm/vllm-openai:v0.8.5',
            owner: 'InferenceService',
          }),
          deployment('isvc', {
            image: 'vllm/vllm-openai:v0.8.5',
            labels: { 'serving.kserve.io/inferenceservice': 'q' },
          }),
        ]).servers,
      ).toEqual([]);
    });

    it('groups llm-d prefill and decode Deployments of one model into one server with roles', () => {
      const llmd = (role: string, ready: number) =>
        deployment(`qwen-${role}`, {
          image: 'ghcr.io/llm-d/llm-d-cuda:v0.5.0',
          labels: {
            'llm-d.ai/inference-serving': 'true',
            'llm-d.ai/model': 'Qwen3-32B',
            'llm-d.ai/role': role,
          },
          gpus: 2,
          replicas: 2,
          ready,
        });
      const server = only([llmd('prefill', 2), llmd('decode', 0)]);
      expect(server).toMatchObject({
        framework: 'llm-d',
        name: 'qwen3-32b',
        models: [{ name: 'Qwen3-32B' }],
        roles: ['decode', 'prefill'],
        runtime: { name: 'vllm', version: 'v0.5.0' },
        replicas: { desired: 4, ready: 2 },
        readiness: 'ready',
        podSelector: {
          'llm-d.ai/inference-serving': 'true',
          'llm-d.ai/model': 'Qwen3-32B',
        },
        accelerators: [expect.objectContaining({ count: 8, source: 'spec' })],
      });
    });

    it('reads vLLM production-stack engines with their router Service', () => {
      const engine = deployment('vllm-llama3-deployment-vllm', {
        image: 'lmcache/vllm-openai:2025-05-27-v1',
        labels: {
          model: 'llama3',
          'helm-release-name': 'vllm',
          'app.kubernetes.io/component': 'serving-engine',
        },
        ready: 1,
      });
      const server = only([
        engine,
        service('vllm-router-service', { environment: 'router' }, 80),
      ]);
      expect(server).toMatchObject({
        framework: 'vllm-production-stack',
        models: [{ name: 'llama3' }],
        endpoint: {
          url: 'http://vllm-router-service.models.svc.cluster.local',
          source: 'service',
        },
      });
    });
  });

  describe('operators', () => {
    it('reads a RayService with Ray Serve LLM applications', () => {
      const server = only([
        {
          apiVersion: 'ray.io/v1',
          kind: 'RayService',
          metadata: { name: 'llm', namespace: NS },
          spec: {
            serveConfigV2:
              'applications:\n- name: llms\n  import_path: ray.serve.llm:build_openai_app\n  args:\n    llm_configs:\n    - model_loading_config:\n        model_id: qwen-0.5b\n        model_source: Qwen/Qwen2.5-0.5B-Instruct\n',
            rayClusterConfig: {
              rayVersion: '2.46.0',
              headGroupSpec: {
                template: {
                  spec: {
                    containers: [
                      { name: 'head', image: 'rayproject/ray-llm:2.46.0' },
                    ],
                  },
                },
              },
              workerGroupSpecs: [
                {
                  groupName: 'gpu',
                  replicas: 2,
                  template: {
                    spec: {
                      containers: [
                        {
                          name: 'w',
                          image: 'rayproject/ray-llm:2.46.0',
                          resources: { limits: { 'nvidia.com/gpu': 1 } },
                        },
                      ],
                    },
                  },
                },
              ],
            },
          },
          status: {
            serviceStatus: 'Running',
            activeServiceStatus: { rayClusterName: 'llm-abc' },
          },
        },
        service('llm-serve-svc', { 'ray.io/serve': 'true' }),
      ]);
      expect(server).toMatchObject({
        framework: 'kuberay',
        models: [{ name: 'qwen-0.5b', uri: 'Qwen/Qwen2.5-0.5B-Instruct' }],
        runtime: { name: 'ray-serve', version: '2.46.0' },
        apiType: 'openai',
        readiness: 'ready',
        endpoint: {
          url: 'http://llm-serve-svc.models.svc.cluster.local:8000',
          source: 'service',
        },
        accelerators: [expect.objectContaining({ count: 2, source: 'spec' })],
        podSelector: { 'ray.io/cluster': 'llm-abc' },
      });
    });

    it('reports malformed serveConfigV2 as a warning', () => {
      const server = only([
        {
          apiVersion: 'ray.io/v1',
          kind: 'RayService',
          metadata: { name: 'bad', namespace: NS },
          spec: { serveConfigV2: 'applications: [' },
        },
      ]);
      expect(server.warnings.join(' ')).toMatch(/not valid YAML/);
      expect(server.readiness).toBe('unknown');
    });

    it('reads a NIMService with state, model and endpoint from status', () => {
      const server = only([
        {
          apiVersion: 'apps.nvidia.com/v1alpha1',
          kind: 'NIMService',
          metadata: { name: 'llama', namespace: NS },
          spec: {
            image: {
              repository: 'nvcr.io/nim/meta/llama-3.1-8b-instruct',
              tag: '1.3.3',
            },
            replicas: 1,
            resources: { limits: { 'nvidia.com/gpu': 1 } },
          },
          status: {
            state: 'Ready',
            availableReplicas: 1,
            model: {
              name: 'meta/llama-3.1-8b-instruct',
              clusterEndpoint: 'llama.models.svc:8000',
            },
          },
        },
      ]);
      expect(server).toMatchObject({
        framework: 'nim',
        models: [{ name: 'meta/llama-3.1-8b-instruct' }],
        runtime: { name: 'nim', version: '1.3.3' },
        endpoint: { url: 'http://llama.models.svc:8000', source: 'status' },
        readiness: 'ready',
        replicas: { desired: 1, ready: 1 },
      });
    });

    it('reads a Dynamo graph deployment with its component roles', () => {
      const server = only([
        {
          apiVersion: 'nvidia.com/v1alpha1',
          kind: 'DynamoGraphDeployment',
          metadata: { name: 'disagg', namespace: NS },
          spec: {
            backendFramework: 'vllm',
            services: {
              Frontend: {
                componentType: 'frontend',
                replicas: 1,
                extraPodSpec: {
                  mainContainer: {
                    image: 'nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.4.0',
                  },
                },
              },
              VllmPrefillWorker: {
                componentType: 'worker',
                subComponentType: 'prefill',
                replicas: 1,
                resources: { limits: { gpu: '1' } },
                extraPodSpec: {
                  mainContainer: { args: ['--model', 'Qwen/Qwen3-0.6B'] },
                },
              },
              VllmDecodeWorker: {
                componentType: 'worker',
                subComponentType: 'decode',
                replicas: 2,
                resources: { limits: { gpu: '1' } },
                extraPodSpec: {
                  mainContainer: { args: ['--model', 'Qwen/Qwen3-0.6B'] },
                },
              },
            },
          },
          status: { state: 'pending' },
        },
      ]);
      expect(server).toMatchObject({
        framework: 'dynamo',
        roles: ['decode', 'frontend', 'prefill'],
        models: [{ name: 'Qwen/Qwen3-0.6B' }],
        runtime: { name: 'vllm' },
        readiness: 'not-ready',
        accelerators: [
          expect.objectContaining({
            vendor: 'nvidia',
            count: 3,
            source: 'spec',
          }),
        ],
      });
    });
  });

  it('reports refused reads instead of treating them as absent', () => {
    const result = discoverModelServers(
      servingFacts([], {
        kserveInferenceServices: 'forbidden: list inferenceservices',
      }),
    );
    expect(result.unreadable).toEqual([
      {
        fact: 'kserveInferenceServices',
        error: 'forbidden: list inferenceservices',
        kind: 'forbidden',
      },
    ]);
  });

  it('turns an object that throws into a server with a warning, keeping the others', () => {
    const hostile = isvc('hostile', READY);
    Object.defineProperty(hostile, 'spec', {
      get: () => {
        throw new Error('boom');
      },
      enumerable: true,
    });
    const { servers } = discover([hostile, isvc('fine', READY)]);
    expect(servers.map(s => [s.name, s.readiness])).toEqual([
      ['hostile', 'unknown'],
      ['fine', 'ready'],
    ]);
    expect(servers[0].warnings[0]).toMatch(/unexpected object shape: boom/);
  });
});
