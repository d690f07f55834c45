import { KubeConfig } from '@kubernetes/client-node';
import {
  describeWithLocalCluster,
  LocalCluster,
  startOrReuseCluster,
} from '@internal/local-cluster/testing';
import { KubeClusterReader } from '../cluster/KubeClusterReader';
import { gatherFacts } from '../gather/gatherFacts';
import {
  discoverModelServers,
  SERVING_FACTS,
} from '../serving/discoverModelServers';
import { ModelServer, ModelServerDiscovery } from '../serving/ModelServer';

/* Model-server discovery against a real kube-apiserver holding the `model-serving` scenario
   (packages/local-cluster): every supported kind and API version with ready, not-ready and no-URL
   variants, read as the least-privileged `reader` identity. Pods are scheduled by the real
   scheduler on KWOK nodes, DRA claims allocated by it. */

jest.setTimeout(600_000);

const NS = 'model-serving';
const TEAM_NS = 'team-search';
const H100 = 'NVIDIA-H100-80GB-HBM3';

function kubeConfig(cluster: LocalCluster, context: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  kc.setCurrentContext(context);
  return kc;
}

async function discover(
  cluster: LocalCluster,
  context = 'reader',
): Promise<ModelServerDiscovery> {
  const reader = new KubeClusterReader({
    kubeConfig: kubeConfig(cluster, context),
  });
  try {
    return discoverModelServers(await gatherFacts(reader, SERVING_FACTS));
  } finally {
    await reader.close();
  }
}

describeWithLocalCluster(
  'model-server discovery on the model-serving scenario',
  () => {
    let cluster: LocalCluster;
    let result: ModelServerDiscovery;
    const server = (
      kind: string,
      name: string,
      namespace = NS,
    ): ModelServer => {
      const found = result.servers.find(
        s => s.kind === kind && s.name === name && s.namespace === namespace,
      );
      if (!found)
        throw new Error(
          `${kind} ${namespace}/${name} not discovered; found ${result.servers
            .map(s => `${s.kind} ${s.name}`)
            .join(', ')}`,
        );
      return found;
    };

    beforeAll(async () => {
      cluster = await startOrReuseCluster({ scenario: 'model-serving' });
      // Wait until the controllers and the scheduler have done their part: pods bound, DRA claim
      // allocated, Deployment status written.
      const deadline = Date.now() + 120_000;
      for (;;) {
        result = await discover(cluster);
        const dra = result.servers.find(s => s.name === 'vllm-dra');
        const pool = result.servers.find(s => s.name === 'pool-v1');
        const deployments = result.servers.filter(
          s => s.kind === 'Deployment' && s.name !== 'vllm-idle',
        );
        if (
          dra?.accelerators.some(a => a.source === 'dra') &&
          pool?.replicas.ready === 2 &&
          deployments.every(s => s.readiness === 'ready')
        )
          break;
        if (Date.now() > deadline) break; // the assertions below say what is missing
        await new Promise(r => setTimeout(r, 2000));
      }
    }, 40 * 60 * 1000);

    afterAll(async () => {
      await cluster?.stop();
    }, 60_000);

    it('reads everything as the reader identity', () => {
      expect(result.unreadable).toEqual([]);
    });

    it.each([
      // kind, name, readiness, endpoint source (undefined: no URL)
      ['InferenceService', 'isvc-ready', 'ready', 'status'],
      ['InferenceService', 'isvc-failing', 'not-ready', 'service'],
      ['InferenceService', 'isvc-no-url', 'ready', 'service'],
      ['InferenceService', 'isvc-triton', 'ready', 'status'],
      ['LLMInferenceService', 'llm-ready', 'ready', 'status'],
      ['LLMInferenceService', 'llm-failing', 'not-ready', undefined],
      ['LLMInferenceService', 'llm-no-url', 'ready', undefined],
      ['InferencePool', 'pool-v1', 'ready', 'service'],
      ['InferencePool', 'pool-v1-pending', 'not-ready', undefined],
      ['InferencePool', 'pool-alpha-ready', 'ready', 'service'],
      ['InferencePool', 'pool-alpha', 'not-ready', undefined],
      ['RayService', 'ray-ready', 'ready', 'service'],
      ['RayService', 'ray-failing', 'not-ready', undefined],
      ['RayService', 'ray-no-url', 'ready', undefined],
      ['NIMService', 'nim-ready', 'ready', 'status'],
      ['NIMService', 'nim-failing', 'not-ready', undefined],
      ['NIMService', 'nim-pending', 'unknown', undefined],
      ['DynamoGraphDeployment', 'dynamo-disagg', 'ready', 'service'],
      ['DynamoGraphDeployment', 'dynamo-failed', 'not-ready', undefined],
      ['VLLMRuntime', 'vllmruntime-llama', 'ready', 'service'],
      ['VLLMRuntime', 'vllmruntime-pending', 'not-ready', undefined],
      ['Deployment', 'vllm-prod-llama3-deployment-vllm', 'ready', 'service'],
      ['Deployment', 'llama-3.1-8b-instruct', 'ready', undefined],
      ['LeaderWorkerSet', 'deepseek-decode', 'not-ready', undefined],
      // plain runtimes in the team namespace: ready with a Service / ready, no Service / scaled to zero
      ['Deployment', 'vllm-qwen', 'ready', 'service', TEAM_NS],
      ['Deployment', 'tgi-gemma', 'ready', undefined, TEAM_NS],
      ['Deployment', 'triton', 'ready', undefined, TEAM_NS],
      ['Deployment', 'sglang-qwen', 'ready', undefined, TEAM_NS],
      ['StatefulSet', 'ollama', 'ready', undefined, TEAM_NS],
      ['Deployment', 'llm-server', 'ready', undefined, TEAM_NS],
      ['Deployment', 'vllm-idle', 'not-ready', undefined, TEAM_NS],
    ])(
      '%s %s is %s with endpoint from %s',
      (kind, name, readiness, endpointSource, namespace = NS) => {
        const s = server(kind, name, namespace);
        expect(s.readiness).toBe(readiness);
        // no endpoint at all when there is no source
        expect(s.endpoint?.source).toBe(endpointSource);
        expect(s.endpoint === undefined).toBe(endpointSource === undefined);
      },
    );

    it('takes the runtime of an InferenceService from its ClusterServingRuntime or namespaced ServingRuntime', () => {
      expect(server('InferenceService', 'isvc-ready')).toMatchObject({
        apiVersion: 'serving.kserve.io/v1beta1',
        runtime: {
          name: 'kserve-huggingfaceserver',
          version: 'v0.15.2',
          servingRuntime: 'kserve-huggingfaceserver',
        },
        apiType: 'openai',
        models: [
          {
            name: 'isvc-ready',
            uri: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
            format: 'huggingface',
          },
        ],
      });
      // Triton speaks only gRPC v2 here
      expect(server('InferenceService', 'isvc-triton')).toMatchObject({
        runtime: {
          name: 'triton',
          version: '25.01-py3',
          servingRuntime: 'triton-grpc',
        },
        apiType: 'grpc',
        endpoint: { url: `https://isvc-triton.${NS}.example.com` },
      });
    });

    it('reads NIMService with the model source from its NIMCache, and keeps a NIMService without status with a warning', () => {
      expect(server('NIMService', 'nim-ready')).toMatchObject({
        apiVersion: 'apps.nvidia.com/v1alpha1',
        models: [
          {
            name: 'meta/llama-3.1-8b-instruct',
            uri: 'nvcr.io/nim/meta/llama-3.1-8b-instruct:1.8.4',
          },
        ],
        runtime: { name: 'nim', version: '1.8.4' },
        endpoint: { url: 'https://nim.example.com', source: 'status' },
        replicas: { desired: 1, ready: 1 },
      });
      const pending = server('NIMService', 'nim-pending');
      expect(pending.warnings.join(' ')).toMatch(/no status yet/);
      expect(pending.models[0]?.name).toBe('llama-3.1-8b-instruct');
    });

    it('reads Dynamo graphs with roles and the frontend Service, and vLLM production-stack engines with the router', () => {
      expect(server('DynamoGraphDeployment', 'dynamo-disagg')).toMatchObject({
        roles: ['decode', 'frontend', 'prefill'],
        runtime: { name: 'vllm', version: '0.4.1' },
        models: [{ name: 'Qwen/Qwen3-0.6B' }],
        endpoint: {
          url: `http://dynamo-disagg-frontend.${NS}.svc.cluster.local:8000`,
        },
        replicas: { desired: 3, ready: 1 },
      });
      expect(
        server('DynamoGraphDeployment', 'dynamo-failed').readinessReason,
      ).toContain('VllmDecodeWorker: 0/1 ready');
      expect(
        server('Deployment', 'vllm-prod-llama3-deployment-vllm'),
      ).toMatchObject({
        framework: 'vllm-production-stack',
        models: [{ name: 'meta-llama/Llama-3.2-1B-Instruct' }],
        runtime: { name: 'vllm', version: 'v0.10.1' },
        endpoint: {
          url: `http://vllm-prod-router-service.${NS}.svc.cluster.local`,
        },
      });
      expect(server('VLLMRuntime', 'vllmruntime-llama')).toMatchObject({
        framework: 'vllm-production-stack',
        models: [{ name: 'meta-llama/Llama-3.2-1B-Instruct' }],
        replicas: { desired: 1, ready: 1 },
      });
    });

    it('reads both InferencePool API groups side by side', () => {
      expect(server('InferencePool', 'pool-v1')).toMatchObject({
        apiVersion: 'inference.networking.k8s.io/v1',
        models: [{ name: 'meta-llama/Llama-3.1-8B-Instruct' }],
        runtime: { name: 'vllm', version: 'v0.10.1' },
        replicas: { desired: 2, ready: 2 },
      });
      expect(server('InferencePool', 'pool-v1').readinessReason).toContain(
        'accepted by a Gateway',
      );
      const alpha = server('InferencePool', 'pool-alpha');
      expect(alpha.apiVersion).toBe('inference.networking.x-k8s.io/v1alpha2');
      expect(alpha.readinessReason).toContain(
        'no Gateway has accepted the pool yet',
      );
    });

    it("counts the GPUs the servers' pods hold, with the node model", () => {
      expect(server('InferenceService', 'isvc-ready').accelerators).toEqual([
        {
          vendor: 'nvidia',
          model: H100,
          count: 1,
          resource: 'nvidia.com/gpu',
          source: 'pods',
        },
      ]);
      expect(server('InferencePool', 'pool-v1').accelerators).toEqual([
        {
          vendor: 'nvidia',
          model: H100,
          count: 2,
          resource: 'nvidia.com/gpu',
          source: 'pods',
        },
      ]);
    });

    it('counts the device allocated to a DRA claim, with the device product name', () => {
      const dra = server('Deployment', 'vllm-dra');
      expect(dra.accelerators).toEqual([
        {
          vendor: 'nvidia',
          model: expect.stringContaining('H100'),
          count: 1,
          resource: 'gpu.nvidia.com',
          source: 'dra',
        },
      ]);
    });

    it('recognises plain vLLM, TGI, Triton, SGLang and Ollama servers by image', () => {
      const plain = result.servers.filter(
        s => s.namespace === TEAM_NS && s.framework === 'workload',
      );
      expect(
        Object.fromEntries(plain.map(s => [s.name, s.runtime?.name])),
      ).toEqual({
        'vllm-qwen': 'vllm',
        'tgi-gemma': 'tgi',
        triton: 'triton',
        'sglang-qwen': 'sglang',
        ollama: 'ollama',
        'llm-server': 'vllm', // by its app.kubernetes.io/name label; the image is a private build
        'vllm-idle': 'vllm',
      });
      expect(server('Deployment', 'vllm-qwen', TEAM_NS).endpoint).toEqual({
        url: `http://vllm-qwen.${TEAM_NS}.svc.cluster.local:8000`,
        source: 'service',
      });
      const idle = server('Deployment', 'vllm-idle', TEAM_NS);
      expect(idle.readiness).toBe('not-ready');
      expect(idle.accelerators).toEqual([]); // zero replicas request nothing
      expect(
        server('StatefulSet', 'ollama', TEAM_NS).warnings.join(' '),
      ).toMatch(/pulls models at runtime/);
    });

    it('groups the llm-d prefill and decode Deployments into one server', () => {
      const llmd = result.servers.find(
        s => s.framework === 'llm-d' && s.kind === 'Deployment',
      )!;
      expect(llmd).toMatchObject({
        name: 'llama-3.1-8b-instruct',
        roles: ['decode', 'prefill'],
        replicas: { desired: 2, ready: 2 },
      });
    });

    it('does not report the Deployments KServe and the production-stack operator own as servers of their own', () => {
      const names = result.servers.map(s => s.name);
      expect(names).not.toContain('isvc-ready-predictor');
      expect(names).not.toContain('llm-ready-kserve');
      expect(names).not.toContain('pool-v1-vllm');
      expect(names.filter(n => n === 'vllmruntime-llama')).toHaveLength(1);
    });

    it('reads LLMInferenceService at v1alpha1 when the cluster serves only v1alpha1', async () => {
      const admin = cluster.client('admin');
      const crdPath =
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/llminferenceservices.serving.kserve.io';
      const crd = await admin.get(crdPath);
      const only = (served: boolean) => ({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: crd.metadata.name },
        spec: {
          ...crd.spec,
          versions: crd.spec.versions.map((v: any) =>
            v.name === 'v1alpha2' ? { ...v, served } : v,
          ),
        },
      });
      await admin.apply(only(false), 'model-serving-test');
      try {
        let llm: ModelServer[] = [];
        for (
          let i = 0;
          i < 30 &&
          !(
            llm.length === 3 &&
            llm.every(x => x.apiVersion === 'serving.kserve.io/v1alpha1')
          );
          i++
        ) {
          await new Promise(r => setTimeout(r, 1000));
          llm = (await discover(cluster)).servers.filter(
            x => x.kind === 'LLMInferenceService',
          );
        }
        const byName = (name: string) => llm.find(x => x.name === name);
        // the same three status variants, read at v1alpha1
        expect(byName('llm-ready')).toMatchObject({
          apiVersion: 'serving.kserve.io/v1alpha1',
          readiness: 'ready',
          endpoint: { source: 'status' },
          models: [{ name: 'Qwen/Qwen3-0.6B' }],
        });
        expect(byName('llm-failing')).toMatchObject({
          apiVersion: 'serving.kserve.io/v1alpha1',
          readiness: 'not-ready',
        });
        expect(byName('llm-failing')?.endpoint).toBeUndefined();
        expect(byName('llm-no-url')).toMatchObject({
          apiVersion: 'serving.kserve.io/v1alpha1',
          readiness: 'ready',
        });
        expect(byName('llm-no-url')?.endpoint).toBeUndefined();
      } finally {
        await admin.apply(only(true), 'model-serving-test');
      }
      expect(server('LLMInferenceService', 'llm-ready').apiVersion).toBe(
        'serving.kserve.io/v1alpha2',
      );
    });

    it('reports refused reads as unreadable, never as "no servers"', async () => {
      const refused = await discover(cluster, 'norights');
      expect(refused.servers).toEqual([]);
      expect(refused.unreadable.map(u => u.fact)).toEqual(
        expect.arrayContaining([
          'kserveInferenceServices',
          'kserveLlmInferenceServices',
          'inferencePools',
          'rayServices',
          'nimServices',
          'deployments',
        ]),
      );
      expect(refused.unreadable.every(u => u.kind === 'forbidden')).toBe(true);
    });
  },
);
