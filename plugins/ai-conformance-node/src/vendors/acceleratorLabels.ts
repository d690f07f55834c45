/**
 * Where node labels and DRA device attributes tell an accelerator's model, memory and count, for
 * the capacity model. Data, not code: a new label convention is a new entry. Sources: GPU Feature
 * Discovery, GKE, Karpenter and EKS Auto Mode, AKS, the AMD node labeller, Intel NFD rules and
 * the vendors' DRA drivers (see the fixtures' NOTES.md §1–2).
 *
 * @public
 */
export interface AcceleratorLabelSource {
  /** Short name shown as the source of a figure, e.g. `nvidia-gfd`. */
  id: string;
  /** The vendor profile id, fixed for this source… */
  vendor?: string;
  /** …or read from a label whose value names the manufacturer (`nvidia`, `amd`, `aws`, …). */
  manufacturerLabel?: string;
  /** …or from the model label's value (`nvidia-tesla-t4` → nvidia). */
  vendorFromModel?: Array<{ pattern: RegExp; vendor: string }>;
  /** Label holding the model name. */
  modelLabel: string;
  /** Label holding the number of physical devices on the node. */
  countLabel?: string;
  /** Label holding each device's memory, and its unit. */
  memoryLabel?: string;
  memoryUnit?: 'MiB' | 'bytes' | 'GiB-suffix';
}

/** Manufacturer label values → vendor profile ids. @public */
export const MANUFACTURER_VENDORS: Readonly<Record<string, string>> = {
  nvidia: 'nvidia',
  amd: 'amd',
  intel: 'intel-gpu',
  habana: 'intel-gaudi',
  aws: 'aws-neuron',
  google: 'google-tpu',
};

/**
 * Label sources, most specific first: the first source that names a model for a vendor wins;
 * later ones fill in what it lacks (memory, count).
 *
 * @public
 */
export const ACCELERATOR_LABEL_SOURCES: readonly AcceleratorLabelSource[] = [
  {
    id: 'nvidia-gfd',
    vendor: 'nvidia',
    modelLabel: 'nvidia.com/gpu.product',
    countLabel: 'nvidia.com/gpu.count',
    memoryLabel: 'nvidia.com/gpu.memory',
    memoryUnit: 'MiB',
  },
  {
    id: 'gke-gpu',
    vendor: 'nvidia',
    modelLabel: 'cloud.google.com/gke-accelerator',
    countLabel: 'cloud.google.com/gke-accelerator-count',
  },
  {
    id: 'gke-tpu',
    vendor: 'google-tpu',
    modelLabel: 'cloud.google.com/gke-tpu-accelerator',
  },
  {
    id: 'eks-auto-gpu',
    manufacturerLabel: 'eks.amazonaws.com/instance-gpu-manufacturer',
    modelLabel: 'eks.amazonaws.com/instance-gpu-name',
    countLabel: 'eks.amazonaws.com/instance-gpu-count',
    memoryLabel: 'eks.amazonaws.com/instance-gpu-memory',
    memoryUnit: 'MiB',
  },
  {
    id: 'karpenter-gpu',
    manufacturerLabel: 'karpenter.k8s.aws/instance-gpu-manufacturer',
    modelLabel: 'karpenter.k8s.aws/instance-gpu-name',
    countLabel: 'karpenter.k8s.aws/instance-gpu-count',
    memoryLabel: 'karpenter.k8s.aws/instance-gpu-memory',
    memoryUnit: 'MiB',
  },
  {
    id: 'karpenter-accelerator',
    manufacturerLabel: 'karpenter.k8s.aws/instance-accelerator-manufacturer',
    modelLabel: 'karpenter.k8s.aws/instance-accelerator-name',
    countLabel: 'karpenter.k8s.aws/instance-accelerator-count',
  },
  {
    id: 'eks-auto-accelerator',
    manufacturerLabel: 'eks.amazonaws.com/instance-accelerator-manufacturer',
    modelLabel: 'eks.amazonaws.com/instance-accelerator-name',
    countLabel: 'eks.amazonaws.com/instance-accelerator-count',
  },
  {
    id: 'eks-accelerator',
    vendorFromModel: [
      { pattern: /^nvidia-/, vendor: 'nvidia' },
      { pattern: /^aws-/, vendor: 'aws-neuron' },
    ],
    modelLabel: 'k8s.amazonaws.com/accelerator',
  },
  {
    id: 'amd-labeller',
    vendor: 'amd',
    modelLabel: 'amd.com/gpu.product-name',
    memoryLabel: 'amd.com/gpu.vram',
    memoryUnit: 'GiB-suffix',
  },
  {
    id: 'amd-labeller-beta',
    vendor: 'amd',
    modelLabel: 'beta.amd.com/gpu.product-name',
    memoryLabel: 'beta.amd.com/gpu.vram',
    memoryUnit: 'GiB-suffix',
  },
  {
    id: 'intel-nfd',
    vendor: 'intel-gpu',
    modelLabel: 'gpu.intel.com/product',
    countLabel: 'gpu.intel.com/device.count',
    memoryLabel: 'gpu.intel.com/memory.max',
    memoryUnit: 'bytes',
  },
  {
    id: 'intel-nfd-family',
    vendor: 'intel-gpu',
    modelLabel: 'gpu.intel.com/family',
  },
];

/**
 * Per vendor: which extended resources are shares of a device (time-slicing or MPS replicas) and
 * which labels say how many shares one device gives. Partitions (MIG, AMD partitions, Neuron
 * cores, Intel millicores) are the vendor profile's `partitionResources`.
 *
 * @public
 */
export interface CapacityVendorData {
  vendor: string;
  /** Resources whose every unit is a share of a device. */
  shareResources: string[];
  /** Labels giving shares per device when a whole-device resource is time-sliced. */
  replicasLabels: string[];
  /** Resource named in the model label when it is a partition (`…-MIG-1g.5gb`, MIG single). */
  partitionModelSuffix?: RegExp;
  /** Labels naming the partition profile that the whole-device resource hands out (GKE MIG). */
  partitionProfileLabels?: string[];
}

/** @public */
export const CAPACITY_VENDOR_DATA: readonly CapacityVendorData[] = [
  {
    vendor: 'nvidia',
    shareResources: ['nvidia.com/gpu.shared'],
    replicasLabels: [
      'nvidia.com/gpu.replicas',
      'cloud.google.com/gke-max-shared-clients-per-gpu',
    ],
    partitionModelSuffix: /-MIG-(\d+g\.\d+gb)$/,
    partitionProfileLabels: ['cloud.google.com/gke-gpu-partition-size'],
  },
];

/**
 * DRA device attributes (bare names of the driver's domain or fully qualified) naming a device's
 * model, its partition profile and its parent device, and the capacity entry with its memory.
 *
 * @public
 */
export const DRA_DEVICE_ATTRIBUTES = {
  model: ['productName', 'model', 'product', 'family'],
  /** `type` values that mark a partition of a device. */
  partitionTypes: ['mig', 'amdgpu-partition', 'partition'],
  /** Channels and daemons of compute domains, not accelerators. */
  auxiliaryTypes: ['channel', 'daemon'],
  profile: ['profile', 'partitionProfile'],
  parent: ['parentUUID', 'parentPciAddr', 'parentDeviceID'],
  memory: ['memory', 'addressableMemory'],
} as const;
