import { parse as parseYaml } from 'yaml';
import { KubeObject } from '../../cluster/ClusterReader';
import { ContainerTemplateFact } from '../../gather/factTypes';
import {
  reduceContainer,
  sumExtendedResources,
} from '../../gather/reduceServing';
import { serverAccelerators } from '../accelerators';
import { serviceEndpoint, statusEndpoint } from '../endpoints';
import { ModelServer, ServedModel } from '../ModelServer';
import { modelFromContainer, recogniseRuntime } from '../runtimes';
import { ServingContext, selectBehind } from '../ServingContext';
import {
  Any,
  baseServer,
  conditionsOf,
  count,
  readinessFromConditions,
  readinessFromWorkloads,
} from './common';

function containersOfTemplate(template: Any): ContainerTemplateFact[] {
  const containers = template?.spec?.containers;
  return Array.isArray(containers) ? containers.map(reduceContainer) : [];
}

/** Ray Serve applications (and Ray Serve LLM model ids) from `spec.serveConfigV2`. */
function rayModels(
  serveConfig: unknown,
  warnings: string[],
): { models: ServedModel[]; llm: boolean } {
  if (typeof serveConfig !== 'string' || !serveConfig.trim()) {
    warnings.push('spec.serveConfigV2 is empty: no applications known');
    return { models: [], llm: false };
  }
  let config: Any;
  try {
    config = parseYaml(serveConfig);
  } catch (error) {
    warnings.push(
      `spec.serveConfigV2 is not valid YAML: ${
        (error as Error).message.split('\n')[0]
      }`,
    );
    return { models: [], llm: false };
  }
  const models: ServedModel[] = [];
  let llm = false;
  for (const app of Array.isArray(config?.applications)
    ? config.applications
    : []) {
    const llmConfigs: Any[] = app?.args?.llm_configs ?? [];
    const ids = llmConfigs
      .map(c => c?.model_loading_config?.model_id)
      .filter((id): id is string => typeof id === 'string');
    if (ids.length) {
      llm = true;
      for (const id of ids) {
        models.push({
          name: id,
          uri: llmConfigs.find(c => c?.model_loading_config?.model_id === id)
            ?.model_loading_config?.model_source,
        });
      }
    } else if (typeof app?.name === 'string') {
      models.push({
        name: app.name,
        uri: typeof app.import_path === 'string' ? app.import_path : undefined,
      });
    }
  }
  return { models, llm };
}

/**
 * A KubeRay `RayService` (`ray.io/v1`): Ray Serve applications as models, readiness from the
 * `Ready` condition (or `serviceStatus: Running` on older operators), endpoint from the
 * `<name>-serve-svc` Service, accelerators of the active RayCluster's pods.
 *
 * @internal
 */
export function rayServiceServer(
  o: KubeObject,
  ctx: ServingContext,
): ModelServer {
  const rs = o as Any;
  const base = baseServer(o, 'kuberay');
  const spec = rs.spec ?? {};
  // Ray Serve LLM apps (llm_configs) serve the OpenAI API; other Serve apps their own HTTP API.
  const apps = rayModels(spec.serveConfigV2, base.warnings);
  base.models.push(...apps.models);
  const clusterSpec = spec.rayClusterConfig ?? {};
  const head = containersOfTemplate(clusterSpec.headGroupSpec?.template);
  const groups: Any[] = Array.isArray(clusterSpec.workerGroupSpecs)
    ? clusterSpec.workerGroupSpecs
    : [];
  const recognised = recogniseRuntime([
    ...head,
    ...groups.flatMap(g => containersOfTemplate(g?.template)),
  ]);
  const activeCluster: string | undefined =
    rs.status?.activeServiceStatus?.rayClusterName;
  const selector = activeCluster
    ? { 'ray.io/cluster': activeCluster }
    : undefined;
  const pods = selector ? selectBehind(ctx, base.namespace, selector).pods : [];
  const requested: Record<string, number> = {};
  for (const g of groups) {
    const perPod = sumExtendedResources(
      containersOfTemplate(g?.template).map(c => c.extendedResources),
    );
    const replicas =
      (count(g?.replicas) ?? count(g?.minReplicas) ?? 0) *
      (count(g?.numOfHosts) ?? 1);
    for (const [r, n] of Object.entries(perPod))
      requested[r] = (requested[r] ?? 0) + n * replicas;
  }
  for (const [r, n] of Object.entries(
    sumExtendedResources(head.map(c => c.extendedResources)),
  )) {
    requested[r] = (requested[r] ?? 0) + n;
  }
  const conditions = conditionsOf(o);
  const fromConditions = readinessFromConditions(conditions);
  const serviceStatus: string | undefined = rs.status?.serviceStatus;
  if (!rs.status)
    base.warnings.push('no status yet (the operator has not reconciled it)');
  const readiness =
    fromConditions ??
    (serviceStatus === 'Running'
      ? {
          readiness: 'ready' as const,
          readinessReason: 'serviceStatus Running',
        }
      : {
          readiness: rs.status ? ('not-ready' as const) : ('unknown' as const),
          readinessReason: serviceStatus
            ? `serviceStatus ${serviceStatus}`
            : 'no Ready condition',
        });
  const endpoint =
    serviceEndpoint(ctx, base.namespace, {}, `${base.name}-serve-svc`) ??
    undefined;
  if (!endpoint)
    base.warnings.push(`no Service ${base.name}-serve-svc: no endpoint yet`);
  return {
    ...base,
    runtime: {
      name: 'ray-serve',
      version: clusterSpec.rayVersion ?? recognised?.version,
      image: recognised?.container.image,
    },
    endpoint,
    apiType: apps.llm ? 'openai' : 'openapi',
    ...readiness,
    replicas: {
      desired: groups.reduce((s, g) => s + (count(g?.replicas) ?? 0), 0) + 1,
      ready: pods.filter(p => p.phase === 'Running').length,
    },
    accelerators: serverAccelerators(ctx, pods, {
      perReplica: requested,
      replicas: 1,
    }),
    podSelector: selector,
  };
}

/** NIM `status.state`: `Ready` is ready, any other state is not. */
function nimReadiness(
  state: string | undefined,
): Pick<ModelServer, 'readiness' | 'readinessReason'> | undefined {
  if (!state) return undefined;
  return {
    readiness: state === 'Ready' ? 'ready' : 'not-ready',
    readinessReason: `state ${state}`,
  };
}

/**
 * An NVIDIA NIM Operator `NIMService` (`apps.nvidia.com/v1alpha1`): model from `status.model.name`
 * (else its NIMCache, else the image), readiness from `status.state`, endpoint from
 * `status.model.externalEndpoint`/`clusterEndpoint` or its Service.
 *
 * @internal
 */
export function nimServiceServer(
  o: KubeObject,
  ctx: ServingContext,
  caches: KubeObject[],
): ModelServer {
  const nim = o as Any;
  const base = baseServer(o, 'nim');
  const spec = nim.spec ?? {};
  const status = nim.status ?? {};
  const repository: string | undefined = spec.image?.repository;
  const tag: string | undefined = spec.image?.tag;
  const cacheName: string | undefined = spec.storage?.nimCache?.name;
  const cache = cacheName
    ? caches.find(
        c =>
          c.metadata?.namespace === base.namespace &&
          c.metadata?.name === cacheName,
      )
    : undefined;
  const cacheSource = (cache as Any)?.spec?.source;
  const cacheModel: string | undefined =
    cacheSource?.ngc?.modelPuller ??
    cacheSource?.hf?.modelName ??
    cacheSource?.huggingFace?.modelName;
  const modelName: string | undefined =
    status.model?.name ??
    (repository ? repository.split('/').slice(-1)[0] : undefined);
  if (modelName)
    base.models.push({
      name: modelName,
      uri:
        cacheModel ??
        (repository ? `${repository}${tag ? `:${tag}` : ''}` : undefined),
    });
  else base.warnings.push('no status.model.name and no spec.image.repository');
  if (cacheName && !cache)
    base.warnings.push(`NIMCache ${cacheName} not found`);
  const selector = { 'app.kubernetes.io/name': base.name };
  const behind = selectBehind(ctx, base.namespace, selector);
  const replicas = count(spec.replicas) ?? 1;
  const state: string | undefined = status.state;
  const fromConditions = readinessFromConditions(
    conditionsOf(o),
    'NIM_SERVICE_READY',
  );
  const readiness = nimReadiness(state) ??
    fromConditions ?? {
      readiness: 'unknown' as const,
      readinessReason: 'no status.state',
    };
  if (!nim.status)
    base.warnings.push('no status yet (the operator has not reconciled it)');
  const perReplica = sumExtendedResources([
    reduceContainer({ resources: spec.resources }).extendedResources,
  ]);
  const accelerators = serverAccelerators(ctx, behind.pods, {
    perReplica,
    replicas,
  });
  if (
    !accelerators.length &&
    Array.isArray(spec.draResources) &&
    spec.draResources.length
  ) {
    accelerators.push({
      vendor: 'nvidia',
      count: spec.draResources.length * replicas,
      resource: 'draResources',
      source: 'spec',
    });
  }
  const external = status.model?.externalEndpoint;
  const cluster = status.model?.clusterEndpoint;
  const withScheme = (e: unknown) => {
    if (typeof e !== 'string' || !e) return undefined;
    return /^[a-z]+:\/\//.test(e) ? e : `http://${e}`;
  };
  return {
    ...base,
    runtime: {
      name: 'nim',
      version: tag,
      image: repository ? `${repository}${tag ? `:${tag}` : ''}` : undefined,
    },
    endpoint:
      statusEndpoint(withScheme(external)) ??
      statusEndpoint(withScheme(cluster)) ??
      serviceEndpoint(
        ctx,
        base.namespace,
        behind.pods[0]?.labels ?? selector,
        base.name,
      ),
    apiType: 'openai',
    ...readiness,
    replicas: {
      desired: replicas,
      ready:
        count(status.availableReplicas) ??
        readinessFromWorkloads(behind.workloads, behind.pods).replicas.ready,
    },
    accelerators,
    podSelector: selector,
  };
}

/**
 * An NVIDIA Dynamo `DynamoGraphDeployment` (`nvidia.com/v1alpha1`): one server whose roles are its
 * services' component types (frontend, worker, prefill, decode, planner); the model from the
 * workers' `--model` arguments; readiness from `status.state` or the `Ready` condition.
 *
 * @internal
 */
export function dynamoServer(o: KubeObject, ctx: ServingContext): ModelServer {
  const dgd = o as Any;
  const base = baseServer(o, 'dynamo');
  const services: Record<string, Any> =
    dgd.spec?.services && typeof dgd.spec.services === 'object'
      ? dgd.spec.services
      : {};
  if (!Object.keys(services).length)
    base.warnings.push('spec.services is empty');
  const requested: Record<string, number> = {};
  const models = new Map<string, ServedModel>();
  const roles = new Set<string>();
  let image: string | undefined;
  let desired = 0;
  for (const [name, svc] of Object.entries(services)) {
    const role =
      typeof svc?.subComponentType === 'string'
        ? svc.subComponentType
        : svc?.componentType;
    if (typeof role === 'string') roles.add(role);
    const main = svc?.extraPodSpec?.mainContainer;
    const container = reduceContainer({ ...(main ?? {}), name });
    image ??= container.image || undefined;
    const model = modelFromContainer(container);
    if (model && !models.has(model.name)) models.set(model.name, model);
    const replicas = count(svc?.replicas) ?? 1;
    desired += replicas;
    const gpu = Number(
      svc?.resources?.limits?.gpu ?? svc?.resources?.requests?.gpu ?? 0,
    );
    if (gpu > 0)
      requested['nvidia.com/gpu'] =
        (requested['nvidia.com/gpu'] ?? 0) + gpu * replicas;
  }
  base.models.push(...models.values());
  if (!models.size)
    base.warnings.push('no --model argument on the graph services');
  const selector = { 'nvidia.com/dynamo-graph-deployment-name': base.name };
  const behind = selectBehind(ctx, base.namespace, selector);
  const state: string | undefined = dgd.status?.state;
  const fromConditions = readinessFromConditions(conditionsOf(o));
  const readiness =
    fromConditions ??
    (state
      ? {
          readiness:
            state === 'successful' || state === 'ready'
              ? ('ready' as const)
              : ('not-ready' as const),
          readinessReason: `state ${state}`,
        }
      : { readiness: 'unknown' as const, readinessReason: 'no status' });
  const frontend = Object.entries(services).find(
    ([, s]) => s?.componentType === 'frontend',
  )?.[0];
  return {
    ...base,
    roles: [...roles].sort(),
    runtime: {
      name:
        typeof dgd.spec?.backendFramework === 'string'
          ? dgd.spec.backendFramework
          : 'dynamo',
      version: image ? image.split(':')[1] : undefined,
      image,
    },
    // The frontend's Service by name, or one selecting the graph's pods (even before any runs).
    endpoint: serviceEndpoint(
      ctx,
      base.namespace,
      behind.pods[0]?.labels ?? selector,
      frontend ? `${base.name}-${frontend.toLowerCase()}` : undefined,
    ),
    apiType: 'openai',
    ...readiness,
    replicas: {
      desired,
      ready: behind.pods.filter(p => p.phase === 'Running').length,
    },
    accelerators: serverAccelerators(ctx, behind.pods, {
      perReplica: requested,
      replicas: 1,
    }),
    podSelector: selector,
  };
}

/**
 * A vLLM production-stack operator `VLLMRuntime` (`production-stack.vllm.ai/v1alpha1`): model from
 * `spec.model.modelURL`, image from `spec.deploymentConfig.image`, GPUs from
 * `deploymentConfig.resources.{gpu,gpuType}`, readiness from the Deployment it creates.
 *
 * @internal
 */
export function vllmRuntimeServer(
  o: KubeObject,
  ctx: ServingContext,
): ModelServer {
  const vr = o as Any;
  const base = baseServer(o, 'vllm-production-stack');
  const spec = vr.spec ?? {};
  const modelUrl: string | undefined = spec.model?.modelURL;
  if (modelUrl) base.models.push({ name: modelUrl });
  else base.warnings.push('spec.model.modelURL is missing');
  const imageName: string | undefined = spec.deploymentConfig?.image?.name;
  const replicas = count(spec.deploymentConfig?.replicas) ?? 1;
  const deployment = ctx
    .workloadsIn(base.namespace)
    .find(w => w.name === base.name && w.kind === 'Deployment');
  const selector = deployment?.selector ?? { app: base.name };
  const behind = selectBehind(ctx, base.namespace, selector);
  const state = readinessFromWorkloads(
    deployment ? [deployment] : [],
    behind.pods,
  );
  const resources = spec.deploymentConfig?.resources ?? {};
  const gpus = Number(resources.gpu ?? 0);
  const requested =
    gpus > 0 ? { [String(resources.gpuType ?? 'nvidia.com/gpu')]: gpus } : {};
  return {
    ...base,
    runtime: {
      name: 'vllm',
      version: imageName?.split(':')[1],
      image: imageName,
    },
    endpoint: serviceEndpoint(
      ctx,
      base.namespace,
      behind.pods[0]?.labels ?? deployment?.template?.labels,
      base.name,
    ),
    apiType: 'openai',
    ...state,
    replicas: { desired: replicas, ready: state.replicas.ready },
    accelerators: serverAccelerators(ctx, behind.pods, {
      perReplica: requested,
      replicas,
    }),
    podSelector: selector,
  };
}
