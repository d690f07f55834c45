import { VendorProfile } from './VendorProfile';

/**
 * The accelerator vendors the engine recognises. Sources: GPU Feature Discovery and GPU Operator
 * labels, vendor device plugins and DRA drivers (see the fixtures' NOTES.md).
 *
 * @public
 */
export const VENDOR_PROFILES: readonly VendorProfile[] = [
  {
    id: 'nvidia',
    productLabels: ['nvidia.com/gpu.product', 'cloud.google.com/gke-accelerator', 'karpenter.k8s.aws/instance-gpu-name'],
    productAttributes: ['productName'],
    displayName: 'NVIDIA GPU',
    resources: ['nvidia.com/gpu', 'nvidia.com/gpu.shared'],
    partitionResources: [/^nvidia\.com\/mig-\d+g\.\d+gb$/],
    nodeLabels: [
      'nvidia.com/gpu.present',
      'nvidia.com/gpu.product',
      'nvidia.com/gpu.count',
    ],
    nodeLabelValues: {
      // GKE GPUs are all NVIDIA (TPUs have their own label); values like nvidia-tesla-t4.
      'cloud.google.com/gke-accelerator': ['nvidia-*'],
      'kubernetes.azure.com/accelerator': ['nvidia'],
      // instance-gpu-name is not vendor-specific (AWS AMD instances carry it too).
      'karpenter.k8s.aws/instance-gpu-manufacturer': ['nvidia'],
      'eks.amazonaws.com/instance-gpu-manufacturer': ['nvidia'],
      'karpenter.azure.com/sku-gpu-manufacturer': ['nvidia'],
    },
    draDrivers: ['gpu.nvidia.com'],
    deviceClasses: ['gpu.nvidia.com', 'mig.nvidia.com', 'vfio.gpu.nvidia.com'],
    taints: ['nvidia.com/gpu'],
    deviceFiles: ['/dev/nvidia'],
    driverVersionLabels: [
      'nvidia.com/cuda.driver-version.full',
      'nvidia.com/cuda.driver.major',
      'nvidia.com/vgpu.host-driver-version',
    ],
    driverVersionAttributes: ['driverVersion', 'cudaDriverVersion'],
    supportsSharing: true,
    sharingLabels: {
      'nvidia.com/gpu.sharing-strategy': ['time-slicing', 'mps'],
      'nvidia.com/mig.strategy': ['single', 'mixed'],
      'cloud.google.com/gke-gpu-sharing-strategy': [],
      'cloud.google.com/gke-gpu-partition-size': [],
    },
    sharingDeviceClasses: ['mig.nvidia.com'],
    virtualizationLabels: ['nvidia.com/vgpu.present'],
    virtualizationDeviceClasses: ['vfio.gpu.nvidia.com'],
    metricsExporters: ['dcgm-exporter'],
    devicePlugins: [
      'nvidia-device-plugin',
      'nvidia-dra-driver',
      'nvidia-gpu-device-plugin',
    ],
    nodeAgentImages: [
      /(^|\/)nvidia\/(k8s-device-plugin|k8s-dra-driver-gpu|k8s-dra-driver|driver|gpu-feature-discovery)$/,
      /(^|\/)nvidia-gpu-device-plugin$/,
    ],
  },
  {
    id: 'amd',
    productLabels: ['amd.com/gpu.product-name', 'beta.amd.com/gpu.product-name'],
    productAttributes: ['productName'],
    displayName: 'AMD GPU',
    resources: ['amd.com/gpu'],
    partitionResources: [/^amd\.com\/(spx|dpx|qpx|cpx)_nps\d$/],
    nodeLabels: [
      'amd.com/gpu.product-name',
      'amd.com/gpu.family',
      'amd.com/gpu.device-id',
      'beta.amd.com/gpu.family',
      'feature.node.kubernetes.io/amd-gpu',
    ],
    nodeLabelValues: {
      'karpenter.k8s.aws/instance-gpu-manufacturer': ['amd'],
      'eks.amazonaws.com/instance-gpu-manufacturer': ['amd'],
      'karpenter.azure.com/sku-gpu-manufacturer': ['amd'],
      'kubernetes.azure.com/accelerator': ['amd'],
    },
    draDrivers: ['gpu.amd.com'],
    deviceClasses: ['gpu.amd.com'],
    taints: ['amd.com/gpu'],
    deviceFiles: ['/dev/kfd', '/dev/dri'],
    driverVersionLabels: ['amd.com/gpu.driver-version', 'beta.amd.com/gpu.driver-version'],
    driverVersionAttributes: ['driverVersion'],
    supportsSharing: true,
    sharingLabels: {
      'amd.com/gpu.compute-partitioning-supported': ['true'],
      'amd.com/gpu.compute-memory-partition': [],
    },
    sharingDeviceClasses: [],
    virtualizationLabels: [],
    virtualizationDeviceClasses: [],
    metricsExporters: ['device-metrics-exporter', 'amd-metrics-exporter'],
    devicePlugins: ['amdgpu-device-plugin', 'amd-gpu-device-plugin', 'k8s-device-plugin', 'amd-dra-driver'],
    nodeAgentImages: [
      /(^|\/)rocm\/(k8s-device-plugin|k8s-node-labeller|k8s-gpu-dra-driver|amdgpu-driver)$/,
    ],
  },
  {
    id: 'intel-gpu',
    productLabels: ['gpu.intel.com/product', 'gpu.intel.com/family'],
    productAttributes: ['model'],
    displayName: 'Intel GPU',
    resources: ['gpu.intel.com/i915', 'gpu.intel.com/xe'],
    partitionResources: [/^gpu\.intel\.com\/(millicores|tiles)$/],
    nodeLabels: ['gpu.intel.com/family', 'gpu.intel.com/product', 'intel.feature.node.kubernetes.io/gpu'],
    nodeLabelValues: {},
    draDrivers: ['gpu.intel.com'],
    deviceClasses: ['gpu.intel.com'],
    taints: ['gpu.intel.com/i915'],
    deviceFiles: ['/dev/dri'],
    // Intel's device plugin and NFD rules publish no driver-version label.
    driverVersionLabels: [],
    driverVersionAttributes: ['driverVersion'],
    supportsSharing: true,
    sharingLabels: { 'gpu.intel.com/millicores': [] },
    sharingDeviceClasses: [],
    virtualizationLabels: [],
    virtualizationDeviceClasses: [],
    metricsExporters: ['xpumanager', 'xpu-manager', 'intel-gpu-exporter'],
    devicePlugins: ['intel-gpu-plugin', 'intel-gpu-resource-driver'],
    nodeAgentImages: [/(^|\/)intel\/(intel-gpu-plugin|intel-gpu-resource-driver|intel-gpu-initcontainer)$/],
  },
  {
    id: 'intel-gaudi',
    productLabels: [],
    productAttributes: ['model'],
    displayName: 'Intel Gaudi',
    resources: ['habana.ai/gaudi'],
    partitionResources: [],
    nodeLabels: ['habana.ai/gaudi.present', 'habana.ai/gaudi'],
    nodeLabelValues: {
      'karpenter.k8s.aws/instance-accelerator-manufacturer': ['habana'],
      'karpenter.k8s.aws/instance-gpu-manufacturer': ['habana'],
    },
    draDrivers: ['gaudi.intel.com'],
    deviceClasses: ['gaudi.intel.com'],
    taints: ['habana.ai/gaudi'],
    deviceFiles: ['/dev/accel', '/dev/hl'],
    // The Gaudi device plugin publishes no driver-version label.
    driverVersionLabels: [],
    driverVersionAttributes: ['driverVersion'],
    supportsSharing: false,
    sharingLabels: {},
    sharingDeviceClasses: [],
    virtualizationLabels: [],
    virtualizationDeviceClasses: [],
    metricsExporters: ['habana-metric-exporter', 'gaudi-metric-exporter'],
    devicePlugins: ['habanalabs-device-plugin', 'intel-gaudi-device-plugin', 'intel-gaudi-resource-driver'],
    nodeAgentImages: [
      /(^|\/)docker-k8s-device-plugin$/,
      /(^|\/)intel\/(intel-gaudi-device-plugin|intel-gaudi-resource-driver)$/,
    ],
  },
  {
    id: 'google-tpu',
    productLabels: ['cloud.google.com/gke-tpu-accelerator'],
    productAttributes: ['type'],
    displayName: 'Google TPU',
    resources: ['google.com/tpu'],
    partitionResources: [],
    nodeLabels: ['cloud.google.com/gke-tpu-accelerator'],
    nodeLabelValues: {},
    draDrivers: ['tpu.google.com'],
    deviceClasses: ['tpu.google.com'],
    taints: ['google.com/tpu'],
    deviceFiles: ['/dev/accel', '/dev/vfio'],
    // GKE publishes no TPU driver version on nodes.
    driverVersionLabels: [],
    driverVersionAttributes: ['driverVersion'],
    supportsSharing: false,
    sharingLabels: {},
    sharingDeviceClasses: [],
    virtualizationLabels: [],
    virtualizationDeviceClasses: [],
    metricsExporters: ['tpu-device-plugin', 'tpu-metrics'],
    devicePlugins: ['tpu-device-plugin'],
    nodeAgentImages: [/(^|\/)tpu-device-plugin$/],
    managedMetricsOnly: true,
  },
  {
    id: 'aws-neuron',
    productLabels: ['node.kubernetes.io/instance-type'],
    productAttributes: [],
    displayName: 'AWS Neuron (Inferentia, Trainium)',
    resources: ['aws.amazon.com/neuron', 'aws.amazon.com/neurondevice'],
    partitionResources: [/^aws\.amazon\.com\/neuroncore$/],
    nodeLabels: ['aws.amazon.com/neuron.present'],
    nodeLabelValues: {
      'karpenter.k8s.aws/instance-accelerator-manufacturer': ['aws'],
      'eks.amazonaws.com/instance-accelerator-manufacturer': ['aws'],
      'k8s.amazonaws.com/accelerator': ['aws-inferentia*', 'aws-trainium*'],
    },
    draDrivers: ['neuron.aws.com'],
    deviceClasses: ['neuron.aws.com'],
    taints: ['aws.amazon.com/neuron'],
    deviceFiles: ['/dev/neuron'],
    // The Neuron device plugin publishes no driver-version label.
    driverVersionLabels: [],
    driverVersionAttributes: ['driverVersion'],
    supportsSharing: true,
    sharingLabels: {},
    sharingDeviceClasses: [],
    virtualizationLabels: [],
    virtualizationDeviceClasses: [],
    metricsExporters: ['neuron-monitor'],
    devicePlugins: ['neuron-device-plugin'],
    nodeAgentImages: [/(^|\/)neuron-device-plugin$/],
  },
];

/**
 * Extended resources that are not accelerators although they are domain-qualified; anything
 * else with a vendor domain on a node is reported as an unrecognised accelerator candidate.
 */
export const NON_ACCELERATOR_RESOURCE_PATTERNS: readonly RegExp[] = [
  /^(cpu|memory|pods|ephemeral-storage|storage)$/,
  /^hugepages-/,
  /^attachable-volumes-/,
  /^kubernetes\.io\//,
  /^k8s\.io\//,
  /^devices\.kubevirt\.io\//,
  /^smarter-devices\//,
  /^squat\.ai\//,
  /^rdma\//,
  /^nvidia\.com\/(rdma|hostdev|sriov)/,
  /^openshift\.io\//,
  /^intel\.com\/(sriov|qat|sgx)/,
  /^sgx\.intel\.com\//,
  /^qat\.intel\.com\//,
  /^fpga\.intel\.com\//,
  /^gpu\.intel\.com\/(monitoring|memory\.max|i915_monitoring|xe_monitoring)$/,
  /^vpc\.amazonaws\.com\//,
];

/** DRA drivers of network devices (high-performance networking), not accelerators. @public */
export const NETWORK_DRA_DRIVERS: readonly string[] = [
  'dra.net',
  'net.dra.k8s.io',
  'sriovnetwork.k8snetworkplumbingwg.io',
  'networking.nvidia.com',
  'rdma.nvidia.com',
];

/** DRA drivers that are not accelerators and not network devices (e.g. compute domains). */
export const AUXILIARY_DRA_DRIVERS: readonly string[] = [
  'compute-domain.nvidia.com',
];
