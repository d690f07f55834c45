import { KubeObject } from '../cluster/ClusterReader';
import {
  ApiServiceFact,
  ConditionFact,
  DeviceClassFact,
  GatewayClassFact,
  GatewayFact,
  HpaFact,
  HttpRouteFact,
  InferencePoolFact,
  NamespaceFact,
  NodeFact,
  PodFact,
  ResourceSliceFact,
  RuntimeClassFact,
  SliceDeviceFact,
  WebhookConfigurationFact,
  WorkloadFact,
} from './factTypes';
import {
  containerExtendedResources,
  podResourceClaimNames,
  sumExtendedResources,
  workloadServingFields,
} from './reduceServing';

/* Reducers from full objects to the facts consumers read. They keep memory flat on large
   clusters: a page of pods is reduced before the next page is fetched. */

type Any = any; // JSON from the API server; every field is optional and checked.

const CORE_RESOURCES =
  /^(cpu|memory|pods|ephemeral-storage|storage|hugepages-.*)$/;

function meta(o: KubeObject) {
  return {
    name: o.metadata?.name ?? '',
    namespace: o.metadata?.namespace ?? '',
    labels: o.metadata?.labels ?? {},
  };
}

/** @internal */
export function reduceConditions(conditions: unknown): ConditionFact[] {
  if (!Array.isArray(conditions)) return [];
  return conditions.map((c: Any) => ({
    type: String(c?.type ?? ''),
    status: String(c?.status ?? ''),
    reason: c?.reason,
    message: c?.message,
  }));
}

/** True when a condition of the type has status True. @public */
export function conditionTrue(
  conditions: ConditionFact[],
  type: string,
): boolean {
  return conditions.some(c => c.type === type && c.status === 'True');
}

/** @internal */
export function reduceNode(o: KubeObject): NodeFact {
  const n = o as Any;
  const conditions = reduceConditions(n.status?.conditions);
  return {
    name: meta(o).name,
    labels: meta(o).labels,
    allocatable: n.status?.allocatable ?? {},
    capacity: n.status?.capacity ?? {},
    taints: (n.spec?.taints ?? []).map((t: Any) => ({
      key: t.key,
      value: t.value,
      effect: t.effect,
    })),
    ready: conditionTrue(conditions, 'Ready'),
    unschedulable: !!n.spec?.unschedulable,
    containerRuntimeVersion: n.status?.nodeInfo?.containerRuntimeVersion,
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion,
  };
}

/** @internal */
export function reducePod(o: KubeObject): PodFact {
  const p = o as Any;
  const containers: Any[] = [
    ...(p.spec?.initContainers ?? []),
    ...(p.spec?.containers ?? []),
  ];
  const extended = new Set<string>();
  for (const c of containers) {
    for (const r of [c.resources?.requests, c.resources?.limits]) {
      for (const name of Object.keys(r ?? {})) {
        if (!CORE_RESOURCES.test(name)) extended.add(name);
      }
    }
  }
  return {
    ...meta(o),
    nodeName: p.spec?.nodeName,
    phase: p.status?.phase,
    privileged: containers.some(c => c.securityContext?.privileged === true),
    hostPathDevices: (p.spec?.volumes ?? [])
      .map((v: Any) => v.hostPath?.path)
      .filter(
        (path: unknown): path is string =>
          typeof path === 'string' && /^\/dev(\/|$)/.test(path),
      ),
    extendedResources: [...extended],
    usesResourceClaims: (p.spec?.resourceClaims ?? []).length > 0,
    runtimeClassName: p.spec?.runtimeClassName,
    ownerKind: o.metadata?.ownerReferences?.find(r => r.controller)?.kind,
    extendedResourceRequests: sumExtendedResources(
      (p.spec?.containers ?? []).map(containerExtendedResources),
    ),
    resourceClaimNames: podResourceClaimNames(p),
  };
}

/** @internal */
export function reduceNamespace(o: KubeObject): NamespaceFact {
  return {
    name: meta(o).name,
    labels: meta(o).labels,
    annotations: o.metadata?.annotations ?? {},
  };
}

function images(o: Any): string[] {
  return (o.spec?.template?.spec?.containers ?? []).map((c: Any) =>
    String(c.image ?? ''),
  );
}

/** @internal */
export function reduceDeployment(o: KubeObject): WorkloadFact {
  const d = o as Any;
  const conditions = reduceConditions(d.status?.conditions);
  return {
    kind: 'Deployment',
    ...meta(o),
    images: images(d),
    desired: d.spec?.replicas ?? 1,
    ready: d.status?.readyReplicas ?? 0,
    available:
      conditionTrue(conditions, 'Available') &&
      (d.status?.availableReplicas ?? 0) > 0,
    ...workloadServingFields(o),
  };
}

/** @internal */
export function reduceStatefulSet(o: KubeObject): WorkloadFact {
  const d = o as Any;
  const desired = d.spec?.replicas ?? 1;
  const ready = d.status?.readyReplicas ?? 0;
  return {
    kind: 'StatefulSet',
    ...meta(o),
    images: images(d),
    desired,
    ready,
    available: desired > 0 && ready >= desired,
    ...workloadServingFields(o),
  };
}

/** @internal */
export function reduceDaemonSet(o: KubeObject): WorkloadFact {
  const d = o as Any;
  const desired = d.status?.desiredNumberScheduled ?? 0;
  const ready = d.status?.numberReady ?? 0;
  return {
    kind: 'DaemonSet',
    ...meta(o),
    images: images(d),
    desired,
    ready,
    available: desired > 0 && ready >= desired,
  };
}

function attributeValue(a: Any): string | number | boolean | undefined {
  if (a === null || typeof a !== 'object') return undefined;
  return a.string ?? a.version ?? a.int ?? a.bool;
}

/** @internal */
export function reduceResourceSlice(o: KubeObject): ResourceSliceFact {
  const s = o as Any;
  const devices: SliceDeviceFact[] = (s.spec?.devices ?? []).map((d: Any) => {
    // v1alpha3/v1beta1 nest attributes under `basic`; v1beta2/v1 are flat.
    const body = d.basic ?? d;
    const attributes: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(body.attributes ?? {})) {
      const value = attributeValue(v);
      if (value !== undefined) attributes[k] = value;
    }
    return {
      name: String(d.name ?? ''),
      attributes,
      consumesCounters: (body.consumesCounters ?? []).length > 0,
      allowMultipleAllocations: body.allowMultipleAllocations === true,
    };
  });
  return {
    name: meta(o).name,
    driver: String(s.spec?.driver ?? ''),
    nodeName: s.spec?.nodeName,
    pool: {
      name: String(s.spec?.pool?.name ?? ''),
      generation: Number(s.spec?.pool?.generation ?? 0),
      resourceSliceCount: Number(s.spec?.pool?.resourceSliceCount ?? 1),
    },
    sharedCounters: (s.spec?.sharedCounters ?? []).length > 0,
    devices,
  };
}

/** @internal */
export function reduceDeviceClass(o: KubeObject): DeviceClassFact {
  const c = o as Any;
  return {
    name: meta(o).name,
    apiVersion: String(o.apiVersion ?? ''),
    extendedResourceName: c.spec?.extendedResourceName,
    selectors: (c.spec?.selectors ?? [])
      .map((s: Any) => s.cel?.expression)
      .filter((e: unknown): e is string => typeof e === 'string'),
  };
}

/** @internal */
export function reduceGatewayClass(o: KubeObject): GatewayClassFact {
  const g = o as Any;
  return {
    name: meta(o).name,
    controllerName: String(g.spec?.controllerName ?? ''),
    conditions: reduceConditions(g.status?.conditions),
  };
}

/** @internal */
export function reduceGateway(o: KubeObject): GatewayFact {
  const g = o as Any;
  return {
    ...meta(o),
    gatewayClassName: String(g.spec?.gatewayClassName ?? ''),
    conditions: reduceConditions(g.status?.conditions),
  };
}

/** @internal */
export function reduceHttpRoute(o: KubeObject): HttpRouteFact {
  const r = o as Any;
  const backendRefs = (r.spec?.rules ?? []).flatMap((rule: Any) =>
    (rule.backendRefs ?? []).map((b: Any) => ({
      group: String(b.group ?? ''),
      kind: String(b.kind ?? 'Service'),
      name: String(b.name ?? ''),
    })),
  );
  return {
    namespace: meta(o).namespace,
    name: meta(o).name,
    backendRefs,
    parentRefKinds: (r.spec?.parentRefs ?? []).map((p: Any) =>
      String(p.kind ?? 'Gateway'),
    ),
    parents: (r.status?.parents ?? []).map((p: Any) => ({
      controllerName: String(p.controllerName ?? ''),
      conditions: reduceConditions(p.conditions),
    })),
  };
}

/** v1: `selector.matchLabels`; v1alpha2: a flat label map. */
function inferencePoolSelector(selector: Any): Record<string, string> {
  const labels = selector?.matchLabels ?? selector;
  if (!labels || typeof labels !== 'object') return {};
  return Object.fromEntries(
    Object.entries(labels).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

/** @internal */
export function reduceInferencePool(o: KubeObject): InferencePoolFact {
  const p = o as Any;
  // v1 uses status.parents, v1alpha2 used status.parent.
  const parents: Any[] = p.status?.parents ?? p.status?.parent ?? [];
  return {
    apiVersion: String(o.apiVersion ?? ''),
    namespace: meta(o).namespace,
    name: meta(o).name,
    hasEndpointPicker: !!(p.spec?.endpointPickerRef ?? p.spec?.extensionRef),
    accepted: parents.some(parent =>
      conditionTrue(reduceConditions(parent?.conditions), 'Accepted'),
    ),
    selector: inferencePoolSelector(p.spec?.selector),
    targetPorts: p.spec?.targetPorts
      ? (p.spec.targetPorts as Any[])
          .map(t => Number(t?.number))
          .filter(Number.isInteger)
      : [p.spec?.targetPortNumber].filter(Number.isInteger),
    labels: meta(o).labels,
    annotations: o.metadata?.annotations ?? {},
    ownerKind: o.metadata?.ownerReferences?.find(r => r.controller)?.kind,
  };
}

/** @internal */
export function reduceApiService(o: KubeObject): ApiServiceFact {
  const a = o as Any;
  const conditions = reduceConditions(a.status?.conditions);
  const available = conditions.find(c => c.type === 'Available');
  return {
    name: meta(o).name,
    available: available?.status === 'True',
    message:
      available?.status === 'True'
        ? undefined
        : available?.message ?? available?.reason,
    service: a.spec?.service
      ? { namespace: a.spec.service.namespace, name: a.spec.service.name }
      : undefined,
  };
}

/** @internal */
export function reduceRuntimeClass(o: KubeObject): RuntimeClassFact {
  const r = o as Any;
  return {
    name: meta(o).name,
    handler: String(r.handler ?? ''),
    nodeSelector: r.scheduling?.nodeSelector,
  };
}

/** @internal */
export function reduceWebhookConfiguration(
  o: KubeObject,
  kind: WebhookConfigurationFact['kind'],
): WebhookConfigurationFact {
  const w = o as Any;
  return {
    kind,
    name: meta(o).name,
    webhooks: (w.webhooks ?? []).map((h: Any) => ({
      name: String(h.name ?? ''),
      apiGroups: [
        ...new Set<string>(
          (h.rules ?? []).flatMap((r: Any) => r.apiGroups ?? []),
        ),
      ],
      hasCaBundle:
        typeof h.clientConfig?.caBundle === 'string' &&
        h.clientConfig.caBundle.length > 0,
      service: h.clientConfig?.service
        ? {
            namespace: h.clientConfig.service.namespace,
            name: h.clientConfig.service.name,
          }
        : undefined,
      url: typeof h.clientConfig?.url === 'string',
    })),
  };
}

/** @internal */
export function reduceHpa(o: KubeObject): HpaFact {
  const h = o as Any;
  return {
    namespace: meta(o).namespace,
    name: meta(o).name,
    metricTypes: (h.spec?.metrics ?? []).map((m: Any) => String(m.type ?? '')),
    target: `${h.spec?.scaleTargetRef?.kind ?? ''}/${
      h.spec?.scaleTargetRef?.name ?? ''
    }`,
  };
}
