import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { KubeObject } from '../cluster/ClusterReader';
import { describeWithShared, sharedUnavailable } from '../__testUtils__/facts';
import {
  SERVING_FIXTURES_DIR,
  isServingInput,
  readObjects,
  servingFacts,
} from '../__testUtils__/servingObjects';
import { discoverModelServers } from './discoverModelServers';
import { ModelServer } from './ModelServer';

/** Kinds that are model servers by themselves (Deployments only when recognised). */
const SERVER_KINDS = [
  'InferenceService',
  'LLMInferenceService',
  'InferencePool',
  'NIMService',
  'RayService',
  'DynamoGraphDeployment',
  'VLLMRuntime',
  'LeaderWorkerSet',
];

const objects = sharedUnavailable() ? [] : readObjects(SERVING_FIXTURES_DIR);
const files = [...new Set(objects.map(o => o.file))];

/** Discovery over the objects of one fixture file (they belong together, e.g. pool + Deployment). */
function discoverFile(file: string) {
  const inputs = objects
    .filter(o => o.file === file && isServingInput(o.object))
    .map(o => o.object);
  return discoverModelServers(servingFacts(inputs));
}

function server(file: string, kind: string, name: string): ModelServer {
  const found = discoverFile(file).servers.find(
    s => s.kind === kind && s.name === name,
  );
  if (!found) throw new Error(`no ${kind} ${name} discovered from ${file}`);
  return found;
}

describeWithShared(
  'model-server discovery on the real objects in ../shared/fixtures/serving',
  () => {
    it('finds objects to read', () => {
      expect(objects.length).toBeGreaterThan(20);
    });

    it.each(files)(
      '%s: every server object becomes a server with what is known, never an exception',
      file => {
        const result = discoverFile(file);
        expect(result.unreadable).toEqual([]);
        const expected = objects
          .filter(
            o =>
              o.file === file && SERVER_KINDS.includes(String(o.object.kind)),
          )
          .map(o => o.object as KubeObject);
        for (const o of expected) {
          const found = result.servers.find(
            s => s.kind === o.kind && s.name === o.metadata?.name,
          );
          expect(found).toBeDefined();
          expect(found!.apiVersion).toBe(o.apiVersion?.replace(/"/g, ''));
          // Something is known about the model, or the warning says why not.
          expect(found!.models.length + found!.warnings.length).toBeGreaterThan(
            0,
          );
          // Manifests without status are never reported ready.
          expect(!(o as any).status && found!.readiness === 'ready').toBe(
            false,
          );
        }
      },
    );

    it('KServe v1beta1 InferenceService: legacy framework key, GPU limit and GKE accelerator', () => {
      const s = server(
        'kserve-v1beta1-inferenceservice-tensorflow-gpu-gke-accelerator.yaml',
        'InferenceService',
        'tensorflow-gpu',
      );
      expect(s.models).toEqual([
        {
          name: 'tensorflow-gpu',
          uri: 'gs://kfserving-examples/models/tensorflow/flowers',
          format: 'tensorflow',
        },
      ]);
      expect(s.runtime).toMatchObject({
        name: 'tensorflow',
        version: '1.11.0-gpu',
      });
      expect(s.accelerators).toEqual([
        {
          vendor: 'nvidia',
          model: 'nvidia-tesla-t4',
          count: 1,
          resource: 'nvidia.com/gpu',
          source: 'spec',
        },
      ]);
      expect(s.readiness).toBe('unknown');
    });

    it('KServe predictor component status: the predictor URL is the endpoint when status.url is absent', () => {
      const file = path.join(
        SERVING_FIXTURES_DIR,
        'kserve-v1beta1-isvc-status.components.predictor-canary-docs.json',
      );
      const predictor = JSON.parse(fs.readFileSync(file, 'utf8'));
      const isvc = {
        apiVersion: 'serving.kserve.io/v1beta1',
        kind: 'InferenceService',
        metadata: { name: 'sklearn-iris', namespace: 'kserve-test' },
        spec: {
          predictor: {
            model: { modelFormat: { name: 'sklearn' }, storageUri: 'gs://x' },
          },
        },
        status: {
          components: { predictor },
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      };
      const [s] = discoverModelServers(servingFacts([isvc])).servers;
      expect(s.endpoint).toEqual({ url: predictor.url, source: 'status' });
      expect(s.readiness).toBe('ready');
    });

    it.each([
      [
        'kserve-v1alpha1-llminferenceservice-opt-125m-docs.yaml',
        'facebook-opt-125m-single',
        'facebook/opt-125m',
        'serving.kserve.io/v1alpha1',
      ],
      [
        'kserve-v1alpha2-llminferenceservice-single-gpu.yaml',
        'qwen3-coder-tool-calling',
        'Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8',
        'serving.kserve.io/v1alpha2',
      ],
      [
        'kserve-v1alpha2-llminferenceservice-managed-dra-minimal.yaml',
        'qwen2-7b-instruct-dra-minimal',
        'Qwen/Qwen2.5-7B-Instruct',
        'serving.kserve.io/v1alpha2',
      ],
    ])('LLMInferenceService %s', (file, name, model, apiVersion) => {
      const s = server(file, 'LLMInferenceService', name);
      expect(s.apiVersion).toBe(apiVersion);
      expect(s.models[0].name).toBe(model);
      expect(s.apiType).toBe('openai');
      expect(s.runtime?.name).toBe('vllm');
    });

    it('LLMInferenceService with managed DRA: the device class stands for the accelerator', () => {
      const s = server(
        'kserve-v1alpha2-llminferenceservice-managed-dra-minimal.yaml',
        'LLMInferenceService',
        'qwen2-7b-instruct-dra-minimal',
      );
      expect(s.accelerators).toEqual([
        {
          vendor: 'nvidia',
          count: 1,
          resource: 'gpu.nvidia.com',
          source: 'spec',
        },
      ]);
    });

    it('LLMInferenceService on AMD GPUs counts amd.com/gpu', () => {
      const s = discoverFile(
        'kserve-v1alpha2-llminferenceservice-amd-gpu-no-scheduler.yaml',
      ).servers[0];
      expect(s.accelerators.map(a => a.vendor)).toEqual(['amd']);
    });

    it('GAIE v1 pool with the vLLM Deployment behind it (same guide) reads model and runtime from the Deployment', () => {
      const pool = objects.find(
        o => o.file === 'gaie-v1-inferencepool-v1.0.0-manifest.yaml',
      )!.object;
      const deployment = objects.find(
        o =>
          o.file === 'gaie-vllm-gpu-deployment-v1.0.0.yaml' &&
          o.object.kind === 'Deployment',
      )!.object;
      const { servers } = discoverModelServers(
        servingFacts([pool, deployment]),
      );
      expect(servers).toHaveLength(1);
      expect(servers[0]).toMatchObject({
        kind: 'InferencePool',
        models: [{ name: 'meta-llama/Llama-3.1-8B-Instruct' }],
        runtime: { name: 'vllm', version: 'v0.8.5' },
        replicas: { desired: 3 },
        accelerators: [
          expect.objectContaining({ vendor: 'nvidia', source: 'spec' }),
        ],
      });
    });

    it('GAIE v1alpha2 pool whose default parent is pending (status fragment on the v1alpha2 manifest) is not accepted', () => {
      const manifest = objects.find(
        o => o.file === 'gaie-v1alpha2-inferencepool-v0.5.1-manifest.yaml',
      )!.object;
      const status = parse(
        fs.readFileSync(
          path.join(
            SERVING_FIXTURES_DIR,
            'gaie-v1alpha2-inferencepool-status-default-parent-pending-pr830.yaml',
          ),
          'utf8',
        ),
      ).status;
      const [s] = discoverModelServers(
        servingFacts([{ ...manifest, status }]),
      ).servers;
      expect(s.apiVersion).toBe('inference.networking.x-k8s.io/v1alpha2');
      expect(s.readinessReason).toContain(
        'no Gateway has accepted the pool yet',
      );
      // and the same manifest with an accepted parent is
      const accepted = {
        parent: [
          {
            parentRef: { name: 'gw' },
            conditions: [{ type: 'Accepted', status: 'True' }],
          },
        ],
      };
      expect(
        discoverModelServers(servingFacts([{ ...manifest, status: accepted }]))
          .servers[0].readinessReason,
      ).toContain('accepted by a Gateway');
    });

    it('NIMService with its NIMCache: the model source comes from the cache', () => {
      const s = server(
        'nim/nim-operator-sample-advanced-dra-auto-creation-example0-llm.yaml',
        'NIMService',
        'meta-llama3-2-1b-instruct',
      );
      expect(s.models).toEqual([
        {
          name: 'llama-3.2-1b-instruct',
          uri: 'nvcr.io/nim/meta/llama-3.2-1b-instruct:1.12.0',
        },
      ]);
      expect(s.runtime).toMatchObject({ name: 'nim', version: '1.12.0' });
      expect(s.accelerators).toEqual([
        {
          vendor: 'nvidia',
          count: 1,
          resource: 'draResources',
          source: 'spec',
        },
      ]);
    });

    it('vLLM production-stack VLLMRuntime', () => {
      const s = server(
        'vllm-production-stack/production-stack.vllm.ai-v1alpha1-vllmruntime-sample.yaml',
        'VLLMRuntime',
        'vllmruntime-sample',
      );
      expect(s.models).toEqual([{ name: 'meta-llama/Llama-3.1-8B-Instruct' }]);
      expect(s.runtime).toMatchObject({
        name: 'vllm',
        image: 'lmcache/vllm-openai:2025-05-27-v1',
      });
      // deploymentConfig.replicas: 2, one GPU each
      expect(s.accelerators).toEqual([
        expect.objectContaining({
          vendor: 'nvidia',
          count: 2,
          resource: 'nvidia.com/gpu',
          source: 'spec',
        }),
      ]);
    });

    it('llm-d multi-host decode LeaderWorkerSet is an llm-d server with the decode role', () => {
      const s = server(
        'llm-d/llm-d-multi-host-decode-leaderworkerset-base.yaml',
        'LeaderWorkerSet',
        'decode',
      );
      expect(s.framework).toBe('llm-d');
      expect(s.roles).toEqual(['decode']);
    });
  },
);
