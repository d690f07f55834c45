import { posix } from 'node:path';
import { KubeObject } from '../cluster/ClusterReader';
import { DEVICE_ENV_NAME } from '../cluster/protobuf/podWire';
import {
  ApiServiceFact,
  ConditionFact,
  DeviceClassFact,
  DeviceEnvFact,
  GatewayClassFact,
  GatewayFact,
  HpaFact,
  HttpRouteFact,
  InferencePoolFact,
  NamespaceFact,
  NodeFact,
  PodContainerFact,
  PodContainerType,
  PodFact,
  PodResourceRequestsFact,
  ResourceClaimFact,
  ResourceSliceFact,
  RuntimeClassFact,
  ServiceEndpointsFact,
  SliceDeviceFact,
  WebhookConfigurationFact,
  WorkloadFact,
} from './factTypes';
import {
  containerExtendedResources,
  podResourceClaimNames,
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
  return conditions.map((c: Any) => {
    const out: ConditionFact = {
      type: String(c?.type ?? ''),
      status: String(c?.status ?? ''),
      reason: c?.reason,
      message: c?.message,
    };
    if (typeof c?.observedGeneration === 'number') {
      out.observedGeneration = c.observedGeneration;
    }
    return out;
  });
}

/** True when a condition of the type has status True. @public */
export function conditionTrue(
  conditions: ConditionFact[],
  type: string,
): boolean {
  return conditions.some(c => c.type === type && c.status === 'True');
}

/**
 * True when a condition of the type is True for the object's current generation: a condition
 * computed for an older generation (`observedGeneration` below `generation`) is stale.
 *
 * @public
 */
export function conditionCurrent(
  conditions: ConditionFact[],
  type: string,
  generation?: number,
): boolean {
  return conditions.some(
    c =>
      c.type === type &&
      c.status === 'True' &&
      (generation === undefined ||
        c.observedGeneration === undefined ||
        c.observedGeneration >= generation),
  );
}

function generationOf(o: KubeObject): number | undefined {
  const g = (o.metadata as Any)?.generation;
  return typeof g === 'number' ? g : undefined;
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
    runtimeHandlers: runtimeHandlerNames(n.status?.runtimeHandlers),
  };
}

/** The named runtime handlers of `status.runtimeHandlers`; undefined when the field is absent. */
function runtimeHandlerNames(handlers: unknown): string[] | undefined {
  if (!Array.isArray(handlers)) return undefined;
  return handlers
    .map((h: Any) => h?.name)
    .filter((name): name is string => typeof name === 'string' && !!name);
}

/**
 * A hostPath normalised as the kubelet resolves it (duplicate and trailing slashes, `.` and
 * `..` removed), kept when it reaches device nodes: `/`, `/dev` or a path under `/dev`.
 *
 * @internal
 */
export function deviceHostPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return undefined;
  const normalised = posix.normalize(path).replace(/(.)\/+$/, '$1');
  return normalised === '/' || /^\/dev(\/|$)/.test(normalised)
    ? normalised
    : undefined;
}

/* A pod fact is kept for every pod of the cluster (50,000 and more), so reducePod allocates
   little: empty lists and maps are one shared frozen value, and no intermediate arrays. */
const NO_STRINGS: string[] = Object.freeze([]) as unknown as string[];
const NO_DEVICE_ENV: DeviceEnvFact[] = Object.freeze(
  [],
) as unknown as DeviceEnvFact[];
const NO_INIT_REQUESTS: PodResourceRequestsFact['initContainers'] =
  Object.freeze([]) as unknown as PodResourceRequestsFact['initContainers'];
const NO_COUNTS: Record<string, number> = Object.freeze({});
const NO_LABELS: Record<string, string> = Object.freeze({});

const CONTAINER_TYPES: Array<[keyof PodSpecJson, PodContainerType]> = [
  ['initContainers', 'init'],
  ['containers', 'app'],
  ['ephemeralContainers', 'ephemeral'],
];

interface PodSpecJson {
  containers?: Any[];
  initContainers?: Any[];
  ephemeralContainers?: Any[];
}

function addDeviceEnv(
  c: Any,
  type: PodContainerType,
  found: DeviceEnvFact[],
): DeviceEnvFact[] {
  let into = found;
  for (const e of c.env ?? []) {
    if (typeof e?.name !== 'string' || !DEVICE_ENV_NAME.test(e.name)) continue;
    const out: DeviceEnvFact = {
      container: String(c.name ?? ''),
      containerType: type,
      name: e.name,
    };
    if (e.valueFrom) out.fromReference = true;
    else out.value = String(e.value ?? '');
    if (into === NO_DEVICE_ENV) into = [];
    into.push(out);
  }
  return into;
}

function addExtendedNames(c: Any, found: Set<string> | undefined) {
  let into = found;
  for (const list of [c.resources?.requests, c.resources?.limits]) {
    if (!list) continue;
    for (const name of Object.keys(list)) {
      if (!CORE_RESOURCES.test(name)) (into ??= new Set()).add(name);
    }
  }
  return into;
}

function sumContainerExtendedResources(containers: Any[]) {
  let sum: Record<string, number> | undefined;
  for (const c of containers) {
    const counts = containerExtendedResources(c);
    for (const [name, count] of Object.entries(counts)) {
      sum ??= {};
      sum[name] = (sum[name] ?? 0) + count;
    }
  }
  return sum ?? NO_COUNTS;
}

function hostPathDevices(volumes: Any[] | undefined): string[] {
  let out = NO_STRINGS;
  for (const v of volumes ?? []) {
    const path = deviceHostPath(v.hostPath?.path);
    if (path === undefined) continue;
    if (out === NO_STRINGS) out = [];
    out.push(path);
  }
  return out;
}

/** @internal */
export function reducePod(o: KubeObject): PodFact {
  const p = o as Any;
  const spec: PodSpecJson = p.spec ?? {};
  let privileged = false;
  let extended: Set<string> | undefined;
  let deviceEnv = NO_DEVICE_ENV;
  const containerSecurity: PodContainerFact[] = [];
  for (const [field, type] of CONTAINER_TYPES) {
    for (const c of spec[field] ?? []) {
      const containerPrivileged = c.securityContext?.privileged === true;
      privileged ||= containerPrivileged;
      containerSecurity.push({
        name: String(c.name ?? ''),
        type,
        image: String(c.image ?? ''),
        privileged: containerPrivileged,
      });
      deviceEnv = addDeviceEnv(c, type, deviceEnv);
      // Ephemeral containers cannot request resources; they count for privilege and env only.
      if (type !== 'ephemeral') extended = addExtendedNames(c, extended);
    }
  }
  const claimNames = podResourceClaimNames(p);
  const fact: PodFact = {
    name: o.metadata?.name ?? '',
    namespace: o.metadata?.namespace ?? '',
    labels: o.metadata?.labels ?? NO_LABELS,
    nodeName: p.spec?.nodeName,
    phase: p.status?.phase,
    privileged,
    hostPathDevices: hostPathDevices(p.spec?.volumes),
    extendedResources: extended ? [...extended] : NO_STRINGS,
    usesResourceClaims: (p.spec?.resourceClaims ?? []).length > 0,
    runtimeClassName: p.spec?.runtimeClassName,
    ownerKind: undefined,
    containerSecurity,
    deviceEnv,
    extendedResourceRequests: sumContainerExtendedResources(
      spec.containers ?? [],
    ),
    resourceClaimNames: claimNames.length ? claimNames : NO_STRINGS,
  };
  const owner = o.metadata?.ownerReferences?.find(r => r.controller);
  if (owner) {
    fact.ownerKind = owner.kind;
    fact.owner = { kind: owner.kind, name: owner.name };
    if (owner.apiVersion) fact.owner.apiVersion = owner.apiVersion;
  }
  addCapacityFields(p, fact);
  return fact;
}

function nonEmpty(
  list: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!list || typeof list !== 'object') return undefined;
  for (const key in list) {
    if (Object.hasOwn(list, key)) return list;
  }
  return undefined;
}

/** The requests and scheduling state the capacity model reads; omitted when empty (memory). */
function addCapacityFields(p: Any, fact: PodFact) {
  const containers: Array<Record<string, string>> = [];
  for (const c of p.spec?.containers ?? []) {
    const requests = nonEmpty(c.resources?.requests);
    if (requests) containers.push(requests);
  }
  let initContainers = NO_INIT_REQUESTS;
  for (const c of p.spec?.initContainers ?? []) {
    const requests = nonEmpty(c.resources?.requests);
    if (!requests) continue;
    if (initContainers === NO_INIT_REQUESTS) initContainers = [];
    initContainers.push({ requests, sidecar: c.restartPolicy === 'Always' });
  }
  const overhead = nonEmpty(p.spec?.overhead);
  const pod = nonEmpty(p.spec?.resources?.requests);
  if (containers.length || initContainers.length || overhead || pod) {
    fact.resourceRequests = { containers, initContainers };
    if (overhead) fact.resourceRequests.overhead = overhead;
    if (pod) fact.resourceRequests.pod = pod;
  }
  if (!p.spec?.nodeName) {
    const scheduled = (p.status?.conditions ?? []).find(
      (c: Any) => c?.type === 'PodScheduled',
    );
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      fact.unschedulableMessage = String(scheduled.message ?? 'Unschedulable');
    }
  }
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
    const consumes: Any[] = body.consumesCounters ?? [];
    return {
      name: String(d.name ?? ''),
      attributes,
      consumesCounters: consumes.length > 0,
      allowMultipleAllocations: body.allowMultipleAllocations === true,
      capacity: deviceCapacity(body.capacity),
      counterConsumption: consumes.length
        ? consumes.map((c: Any) => ({
            counterSet: String(c?.counterSet ?? ''),
            counters: deviceCapacity(c?.counters),
          }))
        : undefined,
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
    counterSets: (s.spec?.sharedCounters ?? []).length
      ? Object.fromEntries(
          (s.spec.sharedCounters as Any[]).map(c => [
            String(c?.name ?? ''),
            deviceCapacity(c?.counters),
          ]),
        )
      : undefined,
    multiNode:
      !s.spec?.nodeName &&
      !!(
        s.spec?.allNodes ||
        s.spec?.nodeSelector ||
        s.spec?.perDeviceNodeSelection
      ),
  };
}

/** v1alpha3 capacity values are bare quantities; v1beta1 and later wrap them (and counters) as `{value}`. */
function deviceCapacity(capacity: Any): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(capacity ?? {})) {
    const value = typeof v === 'object' && v !== null ? (v as Any).value : v;
    if (value !== undefined && value !== null) out[name] = String(value);
  }
  return out;
}

/** The node a claim's allocation is pinned to, from `nodeSelector` matchFields on metadata.name. */
function allocationNode(selector: Any): string | undefined {
  for (const term of selector?.nodeSelectorTerms ?? []) {
    for (const field of term?.matchFields ?? []) {
      if (
        field?.key === 'metadata.name' &&
        field.operator === 'In' &&
        Array.isArray(field.values) &&
        field.values.length === 1
      ) {
        return String(field.values[0]);
      }
    }
  }
  return undefined;
}

/**
 * v1beta1 puts `deviceClassName`/`count`/`allocationMode` on the request; v1beta2 and v1 wrap a
 * single-device request in `exactly`; `firstAvailable` lists alternatives (the first is shown).
 */
function claimRequest(
  r: Any,
): NonNullable<ResourceClaimFact['requests']>[number] {
  const body = r?.exactly ?? r?.firstAvailable?.[0] ?? r ?? {};
  const mode = body.allocationMode ? String(body.allocationMode) : undefined;
  const count = Number(body.count ?? 1);
  let requestedCount: number | undefined;
  if (mode !== 'All') requestedCount = Number.isFinite(count) ? count : 1;
  return {
    name: String(r?.name ?? ''),
    deviceClassName: body.deviceClassName
      ? String(body.deviceClassName)
      : undefined,
    count: requestedCount,
    allocationMode: mode,
  };
}

/** @internal */
export function reduceResourceClaim(o: KubeObject): ResourceClaimFact {
  const c = o as Any;
  const allocation = c.status?.allocation;
  return {
    namespace: meta(o).namespace,
    name: meta(o).name,
    requests: (c.spec?.devices?.requests ?? []).map(claimRequest),
    allocated: (allocation?.devices?.results ?? []).map((r: Any) => ({
      request: String(r?.request ?? ''),
      driver: String(r?.driver ?? ''),
      pool: String(r?.pool ?? ''),
      device: String(r?.device ?? ''),
    })),
    nodeName: allocationNode(allocation?.nodeSelector),
    reservedFor: (c.status?.reservedFor ?? [])
      .filter((r: Any) => !r?.resource || r.resource === 'pods')
      .map((r: Any) => String(r?.name ?? '')),
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
    generation: generationOf(o),
    controllerName: String(g.spec?.controllerName ?? ''),
    conditions: reduceConditions(g.status?.conditions),
  };
}

/** @internal */
export function reduceGateway(o: KubeObject): GatewayFact {
  const g = o as Any;
  return {
    ...meta(o),
    generation: generationOf(o),
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
      parentRef: p.parentRef
        ? {
            kind: String(p.parentRef.kind ?? 'Gateway'),
            name: String(p.parentRef.name ?? ''),
            namespace: String(p.parentRef.namespace ?? meta(o).namespace),
          }
        : undefined,
    })),
    generation: generationOf(o),
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
  const picker = p.spec?.endpointPickerRef ?? p.spec?.extensionRef;
  return {
    apiVersion: String(o.apiVersion ?? ''),
    namespace: meta(o).namespace,
    name: meta(o).name,
    hasEndpointPicker: !!picker,
    endpointPicker: picker?.name
      ? { kind: String(picker.kind ?? 'Service'), name: String(picker.name) }
      : undefined,
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

/**
 * Sums the endpoints of EndpointSlices per Service. `conditions.ready` unset means ready
 * (discovery.k8s.io/v1 semantics).
 *
 * @internal
 */
export function reduceServiceEndpoints(
  slices: KubeObject[],
): ServiceEndpointsFact[] {
  const byService = new Map<string, ServiceEndpointsFact>();
  for (const slice of slices) {
    const service = slice.metadata?.labels?.['kubernetes.io/service-name'];
    if (!service) continue;
    const namespace = slice.metadata?.namespace ?? '';
    const key = `${namespace}/${service}`;
    const fact = byService.get(key) ?? {
      namespace,
      name: service,
      ready: 0,
      notReady: 0,
    };
    for (const e of ((slice as Any).endpoints ?? []) as Any[]) {
      if (e?.conditions?.ready === false) fact.notReady++;
      else fact.ready++;
    }
    byService.set(key, fact);
  }
  return [...byService.values()];
}
