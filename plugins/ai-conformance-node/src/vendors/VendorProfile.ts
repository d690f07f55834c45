/**
 * How one accelerator vendor shows up in the Kubernetes API. Profiles are data: adding a vendor
 * is adding an entry to VENDOR_PROFILES (or passing extra profiles to the engine).
 *
 * @public
 */
export interface VendorProfile {
  /** Short id, e.g. `nvidia`. */
  id: string;
  displayName: string;
  /** Extended resources that count whole accelerators (node allocatable). */
  resources: string[];
  /** Extended resources that are partitions or shares of an accelerator (regular expressions). */
  partitionResources: RegExp[];
  /** Node label keys whose presence (with a non-empty, non-"false" value) marks an accelerator node. */
  nodeLabels: string[];
  /**
   * Node label keys shared by several vendors (cloud instance metadata), with the values that
   * mean this vendor (case-insensitive; a trailing `*` matches a prefix). Also read on node-pool
   * templates (Karpenter requirements, Cluster API capacity labels).
   */
  nodeLabelValues: Record<string, string[]>;
  /** DRA driver names of this vendor's accelerators (ResourceSlice spec.driver). */
  draDrivers: string[];
  /** DeviceClass names this vendor's DRA driver installs. */
  deviceClasses: string[];
  /** Taint keys the vendor's nodes usually carry. */
  taints: string[];
  /** Device files inside a container, for the secure-access checks (glob-like prefixes). */
  deviceFiles: string[];
  /**
   * Node labels carrying the installed driver version, most specific first. Empty when the vendor
   * publishes none (the driver check then answers `unknown`, never `fail`). A label that names a
   * policy (GKE's `gke-gpu-driver-version: default|latest`) is not a version and is not listed.
   */
  driverVersionLabels: string[];
  /** DRA device attribute names carrying the driver version. */
  driverVersionAttributes: string[];
  /** Whether the hardware supports static sharing (partitioning or time-slicing). */
  supportsSharing: boolean;
  /**
   * Label keys/values that show sharing is configured: key → values that mean "on" (empty = any
   * non-"none"). Configuration only: reported, never counted as sharing being exposed.
   */
  sharingLabels: Record<string, string[]>;
  /**
   * Node labels carrying how many shares each accelerator is advertised as (time-slicing / MPS
   * replicas). Counted only together with published allocatable accelerators.
   */
  sharedReplicaLabels?: string[];
  /** Extended resources that are shares of an accelerator (e.g. `nvidia.com/gpu.shared`). */
  sharedResources?: string[];
  /** DeviceClasses that hand out shares or partitions. */
  sharingDeviceClasses: string[];
  /** Label keys that mark a virtualized (vGPU) accelerator. */
  virtualizationLabels: string[];
  /**
   * DRA device attributes (bare names) whose value starts with one of the prefixes marks a
   * virtual accelerator (e.g. NVIDIA vGPU brands `NvidiaVCS`, `GRID` products).
   */
  virtualDeviceAttributes?: Record<string, string[]>;
  /** DeviceClasses of virtual or passthrough accelerators. */
  virtualizationDeviceClasses: string[];
  /** Names (or name fragments) of the metrics exporter DaemonSet. */
  metricsExporters: string[];
  /** Names (or name fragments) of the device plugin or DRA kubelet plugin DaemonSets. */
  devicePlugins: string[];
  /**
   * Image repositories of the vendor's node and cluster components (driver, container toolkit,
   * device plugin, DRA kubelet plugin, feature discovery, exporter, operator, validator), without
   * registry and tag; `*` matches within one path segment. A pod whose privileged or device-mounting
   * containers all run such images, under a controlling owner, is platform, not workload.
   */
  componentImages?: string[];
  /**
   * Environment variables through which the vendor's container runtime hook hands devices to a
   * container (e.g. `NVIDIA_VISIBLE_DEVICES`). Set on a container without an accelerator request,
   * they bypass the device plugin / DRA. Variables that only filter devices the container already
   * has (`CUDA_VISIBLE_DEVICES`, `ROCR_VISIBLE_DEVICES`, `HIP_VISIBLE_DEVICES`) do not belong here.
   */
  visibleDevicesEnv?: string[];
  /** Node labels naming the accelerator model, most specific first (model-server accelerators). */
  productLabels?: string[];
  /** DRA device attribute names naming the accelerator model. */
  productAttributes?: string[];
  /**
   * Image repositories (matched on the path after the registry, so mirrors match too) of the
   * vendor's device plugin, DRA kubelet plugin and driver DaemonSets. Such a DaemonSet with no
   * desired pods shows accelerator nodes can join the cluster.
   */
  nodeAgentImages: RegExp[];
  /** Whether metrics are typically only available from a managed cloud service. */
  managedMetricsOnly?: boolean;
}
