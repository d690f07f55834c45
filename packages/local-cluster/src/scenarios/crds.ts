import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { goModDownload } from '../build/go';
import { KubeObject } from '../client/rest';
import { crdModule } from '../versions';

/**
 * Reads upstream CRDs from a project's own Go module (pinned in versions.json),
 * via the Go module cache. Nothing upstream is copied into this repository.
 */
export async function upstreamCrds(
  key: string,
  filter?: (name: string) => boolean,
): Promise<KubeObject[]> {
  const mod = crdModule(key);
  const { Dir } = await goModDownload(mod.module, mod.version);
  const files: string[] = [];
  for (const p of mod.paths) {
    const full = path.join(Dir, p);
    if (fs.statSync(full).isDirectory()) {
      for (const f of fs.readdirSync(full).sort())
        if (/\.ya?ml$/.test(f)) files.push(path.join(full, f));
    } else files.push(full);
  }
  const out: KubeObject[] = [];
  for (const f of files) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(f, 'utf8'))) {
      const obj = doc.toJS();
      if (obj?.kind !== 'CustomResourceDefinition') continue;
      if (filter && !filter(obj.metadata.name)) continue;
      out.push(obj);
    }
  }
  if (!out.length)
    throw new Error(
      `no CRDs found in ${mod.module}@${mod.version} under ${mod.paths.join(
        ', ',
      )}`,
    );
  return out;
}

/**
 * A permissive CRD of our own, for projects whose Go modules the module proxy
 * does not serve here (KServe, Gateway API Inference Extension). It keeps the
 * real group, kinds, scope, version and status subresource; the schema accepts
 * any fields, so objects modelled on real ones apply unchanged.
 */
export function permissiveCrd(opts: {
  group: string;
  kind: string;
  plural: string;
  versions: string[];
  scope?: 'Namespaced' | 'Cluster';
  shortNames?: string[];
  categories?: string[];
}): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${opts.plural}.${opts.group}`,
      annotations: {
        'ai-conformance-suite/schema':
          'permissive stand-in: upstream Go module not available from the module proxy',
        // *.k8s.io groups need this; the "unapproved" prefix is the documented opt-out
        ...(opts.group.endsWith('.k8s.io')
          ? {
              'api-approved.kubernetes.io':
                'unapproved, local-cluster stand-in',
            }
          : {}),
      },
    },
    spec: {
      group: opts.group,
      scope: opts.scope ?? 'Namespaced',
      names: {
        kind: opts.kind,
        listKind: `${opts.kind}List`,
        plural: opts.plural,
        singular: opts.kind.toLowerCase(),
        ...(opts.shortNames ? { shortNames: opts.shortNames } : {}),
        ...(opts.categories ? { categories: opts.categories } : {}),
      },
      versions: opts.versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
              status: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
            },
          },
        },
      })),
    },
  };
}

export const kserveCrds = () => [
  permissiveCrd({
    group: 'serving.kserve.io',
    kind: 'InferenceService',
    plural: 'inferenceservices',
    versions: ['v1beta1'],
    shortNames: ['isvc'],
  }),
  permissiveCrd({
    group: 'serving.kserve.io',
    kind: 'ServingRuntime',
    plural: 'servingruntimes',
    versions: ['v1alpha1'],
  }),
  permissiveCrd({
    group: 'serving.kserve.io',
    kind: 'ClusterServingRuntime',
    plural: 'clusterservingruntimes',
    versions: ['v1alpha1'],
    scope: 'Cluster',
  }),
];

export const inferenceExtensionCrds = () => [
  permissiveCrd({
    group: 'inference.networking.k8s.io',
    kind: 'InferencePool',
    plural: 'inferencepools',
    versions: ['v1'],
    shortNames: ['infpool'],
  }),
  permissiveCrd({
    group: 'inference.networking.x-k8s.io',
    kind: 'InferenceObjective',
    plural: 'inferenceobjectives',
    versions: ['v1alpha2'],
  }),
];

/**
 * Stand-ins for the model-serving operators whose Go modules the module proxy refuses here
 * (KServe LLMInferenceService, NVIDIA NIM Operator, NVIDIA Dynamo, vLLM production-stack).
 * LLMInferenceService is stored as v1alpha1 and served at both versions (v1alpha2 preferred), so a
 * test can stop serving v1alpha2 and read v1alpha1.
 */
export const servingOperatorCrds = (
  llmVersions: string[] = ['v1alpha1', 'v1alpha2'],
) => [
  permissiveCrd({
    group: 'serving.kserve.io',
    kind: 'LLMInferenceService',
    plural: 'llminferenceservices',
    versions: llmVersions,
    shortNames: ['llmisvc'],
  }),
  permissiveCrd({
    group: 'apps.nvidia.com',
    kind: 'NIMService',
    plural: 'nimservices',
    versions: ['v1alpha1'],
  }),
  permissiveCrd({
    group: 'apps.nvidia.com',
    kind: 'NIMCache',
    plural: 'nimcaches',
    versions: ['v1alpha1'],
  }),
  permissiveCrd({
    group: 'nvidia.com',
    kind: 'DynamoGraphDeployment',
    plural: 'dynamographdeployments',
    versions: ['v1alpha1'],
    shortNames: ['dgd'],
  }),
  permissiveCrd({
    group: 'production-stack.vllm.ai',
    kind: 'VLLMRuntime',
    plural: 'vllmruntimes',
    versions: ['v1alpha1'],
  }),
];

/** The older GAIE group, installed side by side with `inference.networking.k8s.io`. */
export const inferenceExtensionAlphaCrds = () => [
  permissiveCrd({
    group: 'inference.networking.x-k8s.io',
    kind: 'InferencePool',
    plural: 'inferencepools',
    versions: ['v1alpha2'],
  }),
];
