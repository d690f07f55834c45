import { ContainerTemplateFact } from '../gather/factTypes';
import { ServingApiType } from './ModelServer';

/** An image reference split into repository and tag. @public */
export interface ImageRef {
  /** Repository without registry host when it has one (`vllm/vllm-openai`, `nim/meta/llama3`). */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits `registry/repo:tag@sha256:…`; the registry host is dropped. @public */
export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  // A first part with a dot or a port, or `localhost`, is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  return { repository: parts.join('/').toLowerCase(), tag, digest };
}

/**
 * A runtime recognised by its image repository. The patterns match the last path segments of
 * the repository, so mirrors and private registries are recognised too.
 *
 * @public
 */
export interface RuntimeRule {
  runtime: string;
  /** Matched against the repository (registry host removed, lower case). */
  repository: RegExp;
  /** Values of `app.kubernetes.io/name` (or `app`) that name the runtime. */
  appNames: string[];
  apiType: ServingApiType;
}

/**
 * Serving runtimes recognised on plain Deployments/StatefulSets and inside serving CRs. llm-d
 * images run vLLM; LMCache publishes vLLM images too.
 *
 * @public
 */
export const RUNTIME_RULES: readonly RuntimeRule[] = [
  {
    runtime: 'vllm',
    repository:
      /(^|\/)(vllm(-openai|-tpu|-cpu|-rocm|-neuron|-xpu)?(-cpu)?|vllmserver|vllm-[a-z0-9-]+|llm-d(-cuda|-rocm|-xpu|-cpu|-hpu|-tpu|-aws)?(-dev)?|lmcache\/vllm-openai)$/,
    appNames: ['vllm', 'vllm-openai'],
    apiType: 'openai',
  },
  {
    runtime: 'tgi',
    repository: /(^|\/)(text-generation-inference|tgi-[a-z0-9-]+)$/,
    appNames: ['text-generation-inference', 'tgi'],
    apiType: 'openai',
  },
  {
    runtime: 'triton',
    repository: /(^|\/)(tritonserver|triton-inference-server|triton)$/,
    appNames: ['triton', 'tritonserver', 'triton-inference-server'],
    apiType: 'grpc',
  },
  {
    runtime: 'sglang',
    repository: /(^|\/)sglang(-[a-z0-9-]+)?$/,
    appNames: ['sglang'],
    apiType: 'openai',
  },
  {
    runtime: 'ollama',
    repository: /(^|\/)ollama$/,
    appNames: ['ollama'],
    apiType: 'openai',
  },
  {
    runtime: 'nim',
    repository: /^nim\//,
    appNames: [],
    apiType: 'openai',
  },
  {
    runtime: 'kserve-huggingfaceserver',
    repository: /(^|\/)huggingfaceserver(-gpu)?$/,
    appNames: [],
    apiType: 'openai',
  },
  {
    runtime: 'ray',
    repository: /(^|\/)ray(-ml|-llm)?$/,
    appNames: [],
    apiType: 'openapi',
  },
];

/** @public */
export interface RecognisedRuntime {
  rule: RuntimeRule;
  container: ContainerTemplateFact;
  version?: string;
}

/** A tag is a version unless it is `latest` or empty. */
function versionOf(image: ImageRef): string | undefined {
  if (!image.tag || image.tag === 'latest') return undefined;
  return image.tag;
}

/** The first container whose image is a known runtime. @public */
export function recogniseRuntime(
  containers: ContainerTemplateFact[],
  rules: readonly RuntimeRule[] = RUNTIME_RULES,
): RecognisedRuntime | undefined {
  for (const container of containers) {
    const image = parseImage(container.image);
    const rule = rules.find(r => r.repository.test(image.repository));
    if (rule) return { rule, container, version: versionOf(image) };
  }
  return undefined;
}

/** The rule named by `app.kubernetes.io/name` or `app`, for images the rules do not know. @public */
export function runtimeFromLabels(
  labels: Record<string, string>,
  rules: readonly RuntimeRule[] = RUNTIME_RULES,
): RuntimeRule | undefined {
  const names = [labels['app.kubernetes.io/name'], labels.app]
    .filter(Boolean)
    .map(n => n.toLowerCase());
  return rules.find(r => r.appNames.some(a => names.includes(a)));
}

/** Image version, for runtimes recognised by other means. @public */
export function imageVersion(image: string): string | undefined {
  return image ? versionOf(parseImage(image)) : undefined;
}

/** Splits the container's command line into words (args given as one shell string too). */
function words(container: ContainerTemplateFact): string[] {
  return [...container.command, ...container.args].flatMap(a =>
    a.includes(' ') && !a.startsWith('{')
      ? a.split(/\s+/).filter(Boolean)
      : [a],
  );
}

/**
 * The model a server container is started with: `--served-model-name`, `--model`, `--model-id`
 * (TGI), `--model-path` (SGLang), `vllm serve <model>`, or a MODEL-like env var.
 *
 * @public
 */
export function modelFromContainer(
  container: ContainerTemplateFact,
): { name: string; uri?: string } | undefined {
  const argv = words(container);
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === name && argv[i + 1] && !argv[i + 1].startsWith('-')) {
        return argv[i + 1];
      }
      if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
    }
    return undefined;
  };
  const source =
    flag('--model') ??
    flag('--model-id') ??
    flag('--model_id') ??
    flag('--model-path');
  const served =
    flag('--served-model-name') ?? flag('--model_name') ?? flag('--model-name');
  const serveIndex = argv.indexOf('serve');
  const positional =
    serveIndex >= 0 &&
    argv[serveIndex + 1] &&
    !argv[serveIndex + 1].startsWith('-')
      ? argv[serveIndex + 1]
      : undefined;
  const env = container.modelEnv;
  const fromEnv =
    env.SERVED_MODEL_NAME ??
    env.MODEL_NAME ??
    env.MODEL_ID ??
    env.HF_MODEL_ID ??
    env.MODEL ??
    env.MODEL_PATH;
  const uri = source ?? positional ?? fromEnv;
  const name = served ?? uri;
  if (!name) return undefined;
  return { name, uri: uri && uri !== name ? uri : undefined };
}
