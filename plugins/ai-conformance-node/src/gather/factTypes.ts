import { ApiDiscovery } from '../cluster/discovery';
import { KubeObject, KubeVersion } from '../cluster/ClusterReader';

/** A status condition, reduced. @public */
export interface ConditionFact {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  /** The generation the condition was computed for (stale when below the object's generation). */
  observedGeneration?: number;
}

/** A Node reduced to what the checks, capacity views and discovery read. @public */
export interface NodeFact {
  name: string;
  labels: Record<string, string>;
  allocatable: Record<string, string>;
  capacity: Record<string, string>;
  taints: Array<{ key: string; value?: string; effect: string }>;
  ready: boolean;
  unschedulable: boolean;
  containerRuntimeVersion?: string;
  kubeletVersion?: string;
  /**
   * Names of the runtime handlers the kubelet reports as available (`status.runtimeHandlers`,
   * Kubernetes 1.30+, taken from the container runtime), e.g. `runc`, `runsc`. The default
   * handler (empty name) is left out, so `[]` means "reports only the default handler";
   * undefined means the node reports no handlers at all (an older kubelet or runtime).
   */
  runtimeHandlers?: string[];
}

/**
 * A container environment variable through which a container runtime hands out accelerators
 * (`NVIDIA_VISIBLE_DEVICES`, `AMD_VISIBLE_DEVICES`, …). Only variables whose name ends in
 * `_VISIBLE_DEVICES`, `_VISIBLE_CORES` or `_VISIBLE_CHIPS` are kept; no other env is read.
 *
 * @public
 */
export interface DeviceEnvFact {
  container: string;
  containerType: PodContainerType;
  name: string;
  /** The literal value; undefined when it comes from `valueFrom` (then `fromReference`). */
  value?: string;
  fromReference?: boolean;
}

/** Where a container sits in the pod spec. @public */
export type PodContainerType = 'init' | 'app' | 'ephemeral';

/** One container of a pod, reduced to what the device-access check reads. @public */
export interface PodContainerFact {
  name: string;
  type: PodContainerType;
  image: string;
  privileged: boolean;
}

/** A Pod reduced to what the checks read (no full spec; env only for device variables). @public */
export interface PodFact {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  nodeName?: string;
  phase?: string;
  /** Some container (app, init or ephemeral) runs privileged. */
  privileged: boolean;
  /**
   * hostPath volumes that reach device nodes, normalised (`/dev//nvidia0/` → `/dev/nvidia0`):
   * `/`, `/dev` and everything under `/dev`.
   */
  hostPathDevices: string[];
  /** Extended resources requested or limited by any container (e.g. `nvidia.com/gpu`). */
  extendedResources: string[];
  /** The pod references ResourceClaims. */
  usesResourceClaims: boolean;
  runtimeClassName?: string;
  ownerKind?: string;
  /** The controlling owner (`metadata.ownerReferences[controller=true]`), if any. */
  owner?: { kind: string; name: string; apiVersion?: string };
  /** App, init and ephemeral containers with their image and privilege (optional: older facts lack it). */
  containerSecurity?: PodContainerFact[];
  /** Device-visibility environment variables of any container (see DeviceEnvFact). */
  deviceEnv?: DeviceEnvFact[];
  /** Extended resources per pod: the larger of request and limit, summed over containers. */
  extendedResourceRequests?: Record<string, number>;
  /** Names of the ResourceClaim objects the pod uses (direct or generated from a template). */
  resourceClaimNames?: string[];
  /** What the containers request, for the capacity model (absent when nothing is requested). */
  resourceRequests?: PodResourceRequestsFact;
  /** The scheduler's message while the pod is unschedulable (PodScheduled=False, Unschedulable). */
  unschedulableMessage?: string;
}

/**
 * A pod's resource requests as the API server stored them (quantity strings), kept per container
 * so that the capacity model can apply the scheduler's rule (init containers, sidecars, overhead).
 *
 * @public
 */
export interface PodResourceRequestsFact {
  /** Requests of the app containers that request something. */
  containers: Array<Record<string, string>>;
  /** Init containers in order; `sidecar` when restartPolicy is Always (they keep running). */
  initContainers: Array<{ requests: Record<string, string>; sidecar: boolean }>;
  /** `spec.overhead`, set at admission from the RuntimeClass. */
  overhead?: Record<string, string>;
  /** `spec.resources.requests` (pod-level resources: cpu, memory, hugepages only). */
  pod?: Record<string, string>;
}

/** A container of a pod template, reduced to what model-server discovery reads. @public */
export interface ContainerTemplateFact {
  name: string;
  image: string;
  command: string[];
  args: string[];
  /** Literal values of env vars whose name mentions a model (MODEL_ID, MODEL_NAME, …). */
  modelEnv: Record<string, string>;
  ports: number[];
  /** Extended resources: the larger of request and limit. */
  extendedResources: Record<string, number>;
}

/** A workload's pod template, reduced. @public */
export interface PodTemplateFact {
  labels: Record<string, string>;
  containers: ContainerTemplateFact[];
  /** The template references ResourceClaims or ResourceClaimTemplates. */
  usesResourceClaims: boolean;
}

/** A Deployment, DaemonSet or StatefulSet reduced to its readiness. @public */
export interface WorkloadFact {
  kind: 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'LeaderWorkerSet';
  namespace: string;
  name: string;
  labels: Record<string, string>;
  images: string[];
  /** Desired pods (replicas or desiredNumberScheduled). */
  desired: number;
  /** Ready pods. */
  ready: number;
  /** Deployment: Available=True; DaemonSet/StatefulSet: every desired pod ready (and at least one). */
  available: boolean;
  /** Kind of the controlling owner (e.g. `InferenceService`), when owned. */
  ownerKind?: string;
  annotations?: Record<string, string>;
  /** `spec.selector.matchLabels`. */
  selector?: Record<string, string>;
  template?: PodTemplateFact;
}

/** A device of a ResourceSlice. @public */
export interface SliceDeviceFact {
  name: string;
  /** Attribute values by name; names are as published (bare or domain-qualified). */
  attributes: Record<string, string | number | boolean>;
  consumesCounters: boolean;
  allowMultipleAllocations: boolean;
  /** Capacity values by name as quantity strings (`memory: 80Gi`), whatever the API version. */
  capacity?: Record<string, string>;
  /** Counters the device draws from the slice's shared counter sets (partitionable devices). */
  counterConsumption?: Array<{
    counterSet: string;
    counters: Record<string, string>;
  }>;
}

/** A ResourceSlice, reduced. @public */
export interface ResourceSliceFact {
  name: string;
  driver: string;
  nodeName?: string;
  pool: { name: string; generation: number; resourceSliceCount: number };
  sharedCounters: boolean;
  devices: SliceDeviceFact[];
  /** The slice's shared counter sets (usually one per physical device): name → counter → quantity. */
  counterSets?: Record<string, Record<string, string>>;
  /** The devices are reachable from every node (`allNodes`) or a node selector, not one node. */
  multiNode?: boolean;
}

/** A ResourceClaim, reduced to its requests and its allocation. @public */
export interface ResourceClaimFact {
  namespace: string;
  name: string;
  /** Device requests (the first alternative of `firstAvailable`). */
  requests?: Array<{
    name: string;
    deviceClassName?: string;
    /** Devices asked for; undefined with allocationMode All. */
    count?: number;
    allocationMode?: string;
  }>;
  /** `status.allocation.devices.results`. */
  allocated: Array<{
    request: string;
    driver: string;
    pool: string;
    device: string;
  }>;
  /** The node the allocation is pinned to (`nodeSelector` matchFields metadata.name). */
  nodeName?: string;
  /** Pods the claim is reserved for (`status.reservedFor`). */
  reservedFor: string[];
}

/** A DeviceClass, reduced. @public */
export interface DeviceClassFact {
  name: string;
  apiVersion: string;
  extendedResourceName?: string;
  selectors: string[];
}

/** @public */
export interface GatewayClassFact {
  name: string;
  generation?: number;
  controllerName: string;
  conditions: ConditionFact[];
}

/** @public */
export interface GatewayFact {
  namespace: string;
  name: string;
  generation?: number;
  gatewayClassName: string;
  conditions: ConditionFact[];
}

/** @public */
export interface HttpRouteFact {
  namespace: string;
  name: string;
  backendRefs: Array<{ group: string; kind: string; name: string }>;
  parentRefKinds: string[];
  parents: Array<{
    controllerName: string;
    conditions: ConditionFact[];
    /** The parent this status is for (kind defaults to Gateway, namespace to the route's). */
    parentRef?: { kind: string; name: string; namespace: string };
  }>;
  generation?: number;
}

/** An InferencePool of either API group. @public */
export interface InferencePoolFact {
  apiVersion: string;
  namespace: string;
  name: string;
  hasEndpointPicker: boolean;
  /** The endpoint picker's Service (v1 `endpointPickerRef`, v1alpha2 `extensionRef`). */
  endpointPicker?: { kind: string; name: string };
  /** Some parent (Gateway) reports Accepted=True. */
  accepted: boolean;
  /** Model-server pod labels (v1 `selector.matchLabels`, v1alpha2 flat `selector`). */
  selector?: Record<string, string>;
  /** v1 `targetPorts[].number`, v1alpha2 `targetPortNumber`. */
  targetPorts?: number[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerKind?: string;
}

/** A Service, reduced to what model-server discovery reads. @public */
export interface ServiceFact {
  namespace: string;
  name: string;
  type: string;
  selector: Record<string, string>;
  ports: Array<{ name?: string; port: number; appProtocol?: string }>;
  /** `status.loadBalancer.ingress[]` hostnames or IPs. */
  externalAddresses: string[];
}

/** Endpoints behind one Service, summed over its EndpointSlices (discovery.k8s.io/v1). @public */
export interface ServiceEndpointsFact {
  namespace: string;
  /** The Service (label `kubernetes.io/service-name`). */
  name: string;
  /** Endpoints whose `conditions.ready` is true or unset. */
  ready: number;
  notReady: number;
}

/** @public */
export interface ApiServiceFact {
  name: string;
  available: boolean;
  message?: string;
  service?: { namespace: string; name: string };
}

/** @public */
export interface RuntimeClassFact {
  name: string;
  handler: string;
  nodeSelector?: Record<string, string>;
}

/** A validating or mutating webhook configuration, reduced. @public */
export interface WebhookConfigurationFact {
  kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration';
  name: string;
  webhooks: Array<{
    name: string;
    apiGroups: string[];
    hasCaBundle: boolean;
    service?: { namespace: string; name: string };
    url: boolean;
  }>;
}

/** @public */
export interface HpaFact {
  namespace: string;
  name: string;
  metricTypes: string[];
  target: string;
}

/** @public */
export interface NamespaceFact {
  name: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * The values of the named facts. Consumers (checks, capacity views, model-server discovery)
 * declare which keys they read; one gather fetches each at most once.
 *
 * @public
 */
export interface FactValues {
  nodes: NodeFact[];
  pods: PodFact[];
  namespaces: NamespaceFact[];
  deployments: WorkloadFact[];
  statefulSets: WorkloadFact[];
  daemonSets: WorkloadFact[];
  deviceClasses: DeviceClassFact[];
  resourceSlices: ResourceSliceFact[];
  gatewayClasses: GatewayClassFact[];
  gateways: GatewayFact[];
  httpRoutes: HttpRouteFact[];
  inferencePools: InferencePoolFact[];
  /**
   * Ready endpoints of the Services behind webhooks and InferencePool endpoint pickers, read
   * only in those Services' namespaces.
   */
  serviceEndpoints: ServiceEndpointsFact[];
  apiServices: ApiServiceFact[];
  runtimeClasses: RuntimeClassFact[];
  webhookConfigurations: WebhookConfigurationFact[];
  horizontalPodAutoscalers: HpaFact[];
  /** `kube-system/cluster-autoscaler-status`, or null when absent. */
  clusterAutoscalerStatus: {
    name: string;
    namespace: string;
    status?: string;
  } | null;
  kueueClusterQueues: KubeObject[];
  kueueLocalQueues: KubeObject[];
  volcanoQueues: KubeObject[];
  karpenterNodePools: KubeObject[];
  karpenterNodeClaims: KubeObject[];
  /** GKE ComputeClasses (node auto-provisioning priorities, GPU/TPU included). */
  gkeComputeClasses: KubeObject[];
  clusterApiMachineDeployments: KubeObject[];
  prometheuses: KubeObject[];
  openTelemetryCollectors: KubeObject[];
  // Model serving (read by src/serving; each resource only when the cluster serves it)
  services: ServiceFact[];
  resourceClaims: ResourceClaimFact[];
  kserveInferenceServices: KubeObject[];
  kserveLlmInferenceServices: KubeObject[];
  kserveServingRuntimes: KubeObject[];
  kserveClusterServingRuntimes: KubeObject[];
  rayServices: KubeObject[];
  nimServices: KubeObject[];
  nimCaches: KubeObject[];
  dynamoGraphDeployments: KubeObject[];
  vllmRuntimes: KubeObject[];
  leaderWorkerSets: WorkloadFact[];
}

/** @public */
export type FactKey = keyof FactValues;

/**
 * The outcome of gathering one fact: its value, or why it could not be read (403, timeout, too
 * large), with a message that says what to fix.
 *
 * @public
 */
export type FactOutcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: string;
      kind: string;
      /** The permissions the fact needs (its declared reads, in words), for the error verdict. */
      needs?: string[];
    };

/**
 * Everything one gather read from a cluster. Plain data: checks and other consumers are pure
 * functions of it.
 *
 * @public
 */
export interface ClusterFacts {
  version: KubeVersion;
  discovery: ApiDiscovery;
  facts: Partial<{ [K in FactKey]: FactOutcome<FactValues[K]> }>;
}
