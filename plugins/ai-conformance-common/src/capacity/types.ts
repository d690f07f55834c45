/* The capacity snapshot: plain JSON, stored by the backend and drawn by the UI. */

/**
 * How a resource's units relate to physical devices: a whole device, a time-sliced/MPS share of
 * one, a partition of one (MIG, AMD compute partition, Neuron core), or not recognised.
 *
 * @public
 */
export type UnitKind = 'device' | 'share' | 'partition' | 'unknown';

/** Units of one extended resource: node figures, and what non-terminal pods request. @public */
export interface ResourceUnits {
  resource: string;
  kind: UnitKind;
  capacity: number;
  allocatable: number;
  /** Requested by pods bound to the node that have not finished (scheduler's rule). */
  allocated: number;
  /** allocatable − allocated, never below 0. */
  free: number;
  /** Partition profile (`1g.10gb`, `cpx_nps4`) when the units are partitions. */
  profile?: string;
}

/** One vendor's accelerators on one node. @public */
export interface NodeAccelerators {
  vendor: string;
  /** Model from labels or DRA attributes; `unknown` when nothing names it. */
  model: string;
  /** Memory per device in bytes, when labelled. */
  memoryBytes?: number;
  /** Physical devices; undefined when they cannot be told (e.g. MIG single strategy without count). */
  physical?: number;
  /** Units per device of a time-sliced whole-device resource. */
  sharesPerDevice?: number;
  /** Extended resources (device plugins). */
  resources: ResourceUnits[];
  /** This vendor's DRA devices on the node. */
  dra: DeviceCounts;
  /** Whole devices schedulable through device plugins or DRA. */
  devices: WholeDevices;
  /** Label sources and resources the figures come from. */
  sources: string[];
}

/** Whole devices (not shares, not partitions): allocatable, allocated, free. @public */
export interface WholeDevices {
  allocatable: number;
  allocated: number;
  free: number;
}

/** @public */
export interface NodeCapacity {
  name: string;
  ready: boolean;
  unschedulable: boolean;
  /** Node group / pool / instance type, for grouping in the UI. */
  pool?: string;
  instanceType?: string;
  accelerators: NodeAccelerators[];
  /** DRA devices published for this node. */
  dra: DeviceCounts;
}

/** @public */
export interface DeviceCounts {
  /** Physical devices (partitions of one device count once). */
  physical: number;
  /** Schedulable devices (whole devices and partitions). */
  devices: number;
  allocated: number;
  free: number;
}

/** A device published in a ResourceSlice (only the pool's highest generation). @public */
export interface DraDevice {
  driver: string;
  pool: string;
  node?: string;
  device: string;
  vendor?: string;
  model: string;
  memoryBytes?: number;
  kind: 'device' | 'partition';
  profile?: string;
  /** The parent device of a partition (uuid, PCI address or counter set). */
  parent?: string;
  /** Claims (`namespace/name`) allocated this device. */
  claims: string[];
  /** Not allocated and not blocked by an allocated device sharing its counters. */
  free: boolean;
}

/** A DRA pool: slices of one driver and pool name at the highest generation. @public */
export interface DraPool {
  driver: string;
  pool: string;
  node?: string;
  generation: number;
  slices: number;
  /** `resourceSliceCount` of the pool; fewer slices means the pool is being updated. */
  expectedSlices: number;
  counts: DeviceCounts;
}

/** Accelerators of one model across a cluster. @public */
export interface ModelCapacity {
  vendor: string;
  model: string;
  memoryBytes?: number;
  nodes: number;
  /** Physical devices (device plugins + DRA); `physicalUnknownNodes` had no countable figure. */
  physical: number;
  physicalUnknownNodes: number;
  /** Whole devices schedulable through device plugins or DRA. */
  devices: WholeDevices;
  /** Per extended resource (shares and partitions are units of their own). */
  resources: ResourceUnits[];
  dra: DeviceCounts;
}

/** A pod waiting for accelerators. @public */
export interface PendingPod {
  namespace: string;
  name: string;
  /** Accelerator requests (resource → units). */
  requests: Record<string, number>;
  /** The pod waits for ResourceClaims (DRA). */
  claims: boolean;
  /** Resources the scheduler named as insufficient. */
  insufficient: string[];
  message: string;
}

/** @public */
export interface PendingDemand {
  pods: PendingPod[];
  /** Units asked for per resource by unschedulable pods. */
  byResource: Record<string, number>;
}

/** Quota of one resource in one flavor of a Kueue ClusterQueue. @public */
export interface QueueFlavorResource {
  flavor: string;
  resource: string;
  nominalQuota: number;
  borrowingLimit?: number;
  lendingLimit?: number;
  /** Admitted usage (`flavorsUsage`). */
  usage: number;
  borrowed: number;
  /** Reserved quota (`flavorsReservation`). */
  reserved: number;
}

/** @public */
export interface QueueCapacity {
  name: string;
  apiVersion: string;
  cohort?: string;
  active: boolean;
  pendingWorkloads: number;
  admittedWorkloads: number;
  resources: QueueFlavorResource[];
}

/** Something accelerator-like the model could not count exactly. @public */
export interface UnknownAccelerator {
  /** The resource name, DRA driver or label concerned. */
  name: string;
  node?: string;
  reason:
    | 'unknown-extended-resource'
    | 'malformed-quantity'
    | 'missing-label'
    | 'unknown-dra-driver'
    | 'malformed-object';
  detail: string;
  /** Allocatable units (unknown extended resources). */
  allocatable?: number;
  allocated?: number;
}

/** Cluster-wide figures of one extended resource. @public */
export type ResourceTotals = Omit<ResourceUnits, 'profile'> & {
  vendor?: string;
};

/** A cluster's accelerator capacity at one moment. @public */
export interface CapacitySnapshot {
  takenAt: string;
  kubernetesVersion?: string;
  /**
   * Where the cluster runs, as the evaluation detected it (one of `ClusterProvider`: `aws`, `gcp`,
   * `azure`, `openshift`, `other`). Snapshots stored before detection was unified may hold the
   * older names (`eks`, `gke`, `aks`), hence a string.
   */
  provider?: string;
  totals: {
    nodes: number;
    acceleratorNodes: number;
    physical: number;
    devices: WholeDevices;
    resources: ResourceTotals[];
  };
  models: ModelCapacity[];
  /** Nodes with accelerators (device plugins, DRA or labels) or unknown accelerator resources. */
  nodes: NodeCapacity[];
  dra: { pools: DraPool[]; devices: DraDevice[] };
  pending: PendingDemand;
  queues: QueueCapacity[];
  unknown: UnknownAccelerator[];
  /** Facts that could not be read (the part of the view they feed is missing). */
  errors: Array<{ fact: string; error: string }>;
}
