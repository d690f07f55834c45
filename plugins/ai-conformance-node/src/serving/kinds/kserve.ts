import { KubeObject } from '../../cluster/ClusterReader';
import { ContainerTemplateFact } from '../../gather/factTypes';
import {
  reduceContainer,
  sumExtendedResources,
} from '../../gather/reduceServing';
import { serverAccelerators } from '../accelerators';
import { serviceEndpoint, statusEndpoint } from '../endpoints';
import { ModelServer, ServingApiType } from '../ModelServer';
import {
  imageVersion,
  modelFromContainer,
  recogniseRuntime,
} from '../runtimes';
import { ServingContext, selectBehind } from '../ServingContext';
import {
  Any,
  baseServer,
  conditionsOf,
  count,
  modelNameFromUri,
  readinessFromConditions,
  readinessFromWorkloads,
} from './common';

/** KServe's predictor framework keys before `model.modelFormat` (v1beta1 still accepts them). */
const LEGACY_FRAMEWORKS = [
  'sklearn',
  'xgboost',
  'tensorflow',
  'pytorch',
  'triton',
  'onnx',
  'pmml',
  'lightgbm',
  'paddle',
  'huggingface',
];

/** ServingRuntimes and ClusterServingRuntimes by name (namespaced ones win). */
export interface KServeRuntimes {
  find(namespace: string, name: string | undefined): KubeObject | undefined;
}

/** @internal */
export function kserveRuntimes(
  namespaced: KubeObject[],
  cluster: KubeObject[],
): KServeRuntimes {
  return {
    find(namespace, name) {
      if (!name) return undefined;
      return (
        namespaced.find(
          r => r.metadata?.namespace === namespace && r.metadata?.name === name,
        ) ?? cluster.find(r => r.metadata?.name === name)
      );
    },
  };
}

function runtimeContainers(
  runtime: KubeObject | undefined,
): ContainerTemplateFact[] {
  const containers = (runtime as Any)?.spec?.containers;
  return Array.isArray(containers) ? containers.map(reduceContainer) : [];
}

/** The API of a KServe runtime: OpenAI when its server is an OpenAI one, gRPC when it only speaks gRPC. */
function kserveApiType(
  runtime: KubeObject | undefined,
  containers: ContainerTemplateFact[],
): ServingApiType {
  const recognised = recogniseRuntime(containers);
  if (recognised?.rule.apiType === 'openai') return 'openai';
  if (containers.some(c => c.command.some(w => w.includes('openai'))))
    return 'openai';
  const protocols: string[] = (runtime as Any)?.spec?.protocolVersions ?? [];
  if (protocols.length && protocols.every(p => p.startsWith('grpc')))
    return 'grpc';
  return 'openapi';
}

/**
 * A KServe `InferenceService` (`serving.kserve.io/v1beta1`): model from the predictor, runtime
 * from status or spec and its (Cluster)ServingRuntime, endpoint from `status.url`.
 *
 * @internal
 */
export function inferenceServiceServer(
  o: KubeObject,
  ctx: ServingContext,
  runtimes: KServeRuntimes,
): ModelServer {
  const isvc = o as Any;
  const base = baseServer(o, 'kserve');
  const predictor = isvc.spec?.predictor;
  if (!predictor || typeof predictor !== 'object') {
    base.warnings.push('spec.predictor is missing');
  }
  const model = predictor?.model;
  const legacyKey = LEGACY_FRAMEWORKS.find(
    k => predictor?.[k] && typeof predictor[k] === 'object',
  );
  const modelSpec = model ?? (legacyKey ? predictor[legacyKey] : undefined);
  const format: string | undefined = model?.modelFormat?.name ?? legacyKey;
  const storageUri: string | undefined =
    modelSpec?.storageUri ?? modelSpec?.storage?.path;
  const status = isvc.status ?? {};
  const runtimeName: string | undefined =
    status.servingRuntimeName ??
    status.clusterServingRuntimeName ??
    model?.runtime;
  const runtime = runtimes.find(base.namespace, runtimeName);
  const containers = runtimeContainers(runtime);
  const recognised = recogniseRuntime([
    ...(Array.isArray(predictor?.containers)
      ? predictor.containers.map(reduceContainer)
      : []),
    ...containers,
  ]);
  // KServe serves the model under the InferenceService name unless the server is told another
  // (`--model_name` of the Hugging Face server, `--served-model-name` of vLLM).
  const fromArgs = modelFromContainer(
    reduceContainer({ args: modelSpec?.args, env: modelSpec?.env }),
  );
  const servedName = modelSpec?.args?.some(
    (a: unknown) =>
      typeof a === 'string' && /--(model_name|served-model-name)/.test(a),
  )
    ? fromArgs?.name
    : undefined;
  base.models.push({
    name: servedName ?? base.name,
    uri: storageUri ?? fromArgs?.uri,
    format,
  });
  if (!storageUri && !fromArgs?.uri && !predictor?.containers) {
    base.warnings.push(
      'no storageUri in the predictor: the model source is unknown',
    );
  }

  const selector = { 'serving.kserve.io/inferenceservice': base.name };
  const behind = selectBehind(ctx, base.namespace, selector);
  const conditions = conditionsOf(o);
  const fromConditions = readinessFromConditions(conditions);
  const fromWorkloads = readinessFromWorkloads(behind.workloads, behind.pods);
  if (!isvc.status)
    base.warnings.push('no status yet (the controller has not reconciled it)');
  const minReplicas = count(predictor?.minReplicas);
  const perReplica = sumExtendedResources(
    [
      modelSpec?.resources,
      ...(Array.isArray(predictor?.containers)
        ? predictor.containers.map((c: Any) => c?.resources)
        : []),
    ]
      .filter(Boolean)
      .map(resources => reduceContainer({ resources }).extendedResources),
  );
  return {
    ...base,
    runtime: {
      name: recognised?.rule.runtime ?? runtimeName ?? format ?? 'kserve',
      version:
        modelSpec?.runtimeVersion ??
        recognised?.version ??
        imageVersion(containers[0]?.image ?? ''),
      image: recognised?.container.image ?? containers[0]?.image,
      servingRuntime: runtimeName,
    },
    endpoint:
      statusEndpoint(status.url) ??
      statusEndpoint(status.address?.url) ??
      statusEndpoint(status.components?.predictor?.url) ??
      serviceEndpoint(
        ctx,
        base.namespace,
        behind.pods[0]?.labels ?? selector,
        `${base.name}-predictor`,
      ),
    apiType: kserveApiType(runtime, [
      ...containers,
      ...(recognised ? [recognised.container] : []),
    ]),
    readiness: fromConditions?.readiness ?? 'unknown',
    readinessReason: fromConditions?.readinessReason ?? 'no Ready condition',
    replicas: {
      desired: behind.workloads.length
        ? fromWorkloads.replicas.desired
        : minReplicas,
      ready: fromWorkloads.replicas.ready,
    },
    accelerators: serverAccelerators(ctx, behind.pods, {
      perReplica,
      replicas: minReplicas ?? 1,
      modelHint: base.annotations['serving.kserve.io/gke-accelerator'],
    }),
    podSelector: selector,
  };
}

/**
 * A KServe `LLMInferenceService` (`serving.kserve.io` v1alpha1 and v1alpha2): model from
 * `spec.model`, runtime from the main container image (vLLM when none is set: KServe's default),
 * prefill/decode roles, endpoint from `status.url` or `status.addresses`.
 *
 * @internal
 */
export function llmInferenceServiceServer(
  o: KubeObject,
  ctx: ServingContext,
): ModelServer {
  const llm = o as Any;
  const base = baseServer(o, 'kserve-llm');
  const spec = llm.spec ?? {};
  const uri: string | undefined = spec.model?.uri;
  const name: string | undefined =
    spec.model?.name ?? (uri ? modelNameFromUri(uri) : undefined);
  if (name) base.models.push({ name, uri });
  else base.warnings.push('spec.model has neither name nor uri');
  const containers: ContainerTemplateFact[] = (
    spec.template?.containers ?? []
  ).map(reduceContainer);
  const recognised = recogniseRuntime(containers);
  if (spec.prefill) base.roles.push('prefill', 'decode');
  if (spec.worker) base.roles.push('multi-node');
  // `spec.labels` can rename the workload pods (e.g. to share one InferencePool between services).
  const podName: unknown = spec.labels?.['app.kubernetes.io/name'];
  const selector = {
    'app.kubernetes.io/part-of': 'llminferenceservice',
    'app.kubernetes.io/name': typeof podName === 'string' ? podName : base.name,
  };
  const behind = selectBehind(ctx, base.namespace, selector);
  const workloadPods = behind.pods.filter(
    p => p.labels['kserve.io/component'] !== 'router-scheduler',
  );
  const fromConditions = readinessFromConditions(conditionsOf(o));
  if (!llm.status)
    base.warnings.push('no status yet (the controller has not reconciled it)');
  const status = llm.status ?? {};
  const replicas = count(spec.replicas) ?? 1;
  const fromWorkloads = readinessFromWorkloads(behind.workloads, workloadPods);
  const draClass = base.annotations['serving.kserve.io/exp-dra-device-class'];
  const perReplica = sumExtendedResources(
    containers.map(c => c.extendedResources),
  );
  const accelerators = serverAccelerators(ctx, workloadPods, {
    perReplica,
    replicas,
  });
  if (!accelerators.length && draClass) {
    const vendor = ctx.profiles.find(
      p =>
        p.deviceClasses.includes(draClass) || p.draDrivers.includes(draClass),
    );
    accelerators.push({
      vendor: vendor?.id ?? 'unknown',
      count: replicas,
      resource: draClass,
      source: 'spec',
    });
  }
  return {
    ...base,
    runtime: {
      // KServe runs vLLM when the template names no image of its own.
      name: recognised?.rule.runtime ?? 'vllm',
      version: recognised?.version,
      image:
        recognised?.container.image ?? containers.find(c => c.image)?.image,
    },
    endpoint:
      statusEndpoint(status.url) ??
      statusEndpoint(
        Array.isArray(status.addresses) ? status.addresses[0]?.url : undefined,
      ) ??
      serviceEndpoint(ctx, base.namespace, workloadPods[0]?.labels),
    apiType: 'openai',
    readiness: fromConditions?.readiness ?? 'unknown',
    readinessReason: fromConditions?.readinessReason ?? 'no Ready condition',
    replicas: { desired: replicas, ready: fromWorkloads.replicas.ready },
    accelerators,
    podSelector: selector,
  };
}
