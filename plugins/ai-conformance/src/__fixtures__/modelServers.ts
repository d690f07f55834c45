import { Entity } from '@backstage/catalog-model';

/** A model-server Component as the catalog module writes it. */
export function modelServerEntity(
  name: string,
  overrides: {
    readiness?: string;
    runtime?: string;
    cluster?: string;
    owner?: string;
    model?: string;
    stale?: string;
  } = {},
): Entity {
  const cluster = overrides.cluster ?? 'gpu-east';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'ai-conformance.io/cluster': `resource:default/${cluster}`,
        'ai-conformance.io/model-server-status': overrides.stale
          ? 'stale'
          : 'live',
        ...(overrides.stale
          ? {
              'ai-conformance.io/model-server-status-reason': overrides.stale,
              'ai-conformance.io/model-server-stale-since':
                '2026-12-03T12:00:00.000Z',
            }
          : {}),
      },
    },
    spec: {
      type: 'model-server',
      lifecycle: 'production',
      owner: overrides.owner ?? 'group:default/ml',
      dependsOn: [`resource:default/${cluster}`],
      modelServer: {
        cluster,
        kind: 'InferenceService',
        apiVersion: 'serving.kserve.io/v1beta1',
        namespace: 'llm',
        name,
        framework: 'kserve',
        models: [
          {
            name: overrides.model ?? 'Qwen/Qwen3-8B',
            uri: 'hf://Qwen/Qwen3-8B',
          },
        ],
        runtime: { name: overrides.runtime ?? 'vllm', version: 'v0.10.1' },
        roles: [],
        endpoint: { url: `https://${name}.example.com`, source: 'status' },
        apiType: 'openai',
        readiness: overrides.readiness ?? 'ready',
        readinessReason: 'all components are serving',
        replicas: { desired: 2, ready: 2 },
        accelerators: [
          {
            vendor: 'nvidia',
            model: 'NVIDIA-H100-80GB-HBM3',
            count: 2,
            resource: 'nvidia.com/gpu',
            source: 'pods',
          },
        ],
        warnings: [
          'no storageUri in the predictor: the model source is unknown',
        ],
      },
    },
  };
}
