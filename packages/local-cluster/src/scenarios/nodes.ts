import { createHash } from 'node:crypto';
import { KubeObject } from '../client/rest';
import { KWOK_NODE_ANNOTATION } from '../controlPlane';

/** Deterministic pseudo-random hex, so re-applying a scenario yields the same objects. */
export function stableHex(seed: string, len = 8): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, len);
}

export function stableUuid(seed: string): string {
  const h = stableHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20, 32)}`;
}

/** A pod-name-like suffix (consonants and digits, as Kubernetes generates them). */
export function stableSuffix(seed: string, len = 5): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const h = createHash('sha256').update(seed).digest();
  return Array.from(
    { length: len },
    (_, i) => alphabet[h[i] % alphabet.length],
  ).join('');
}

export interface NodeShape {
  name: string;
  instanceType: string;
  zone: string;
  cpu: number;
  memoryGi: number;
  labels?: Record<string, string>;
  /** Extended resources (device plugins), same in capacity and allocatable. */
  extended?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  /**
   * Named runtime handlers the node reports in `status.runtimeHandlers` (as a 1.30+ kubelet on
   * containerd 2 does, the default handler included); none reported when absent (older kubelet).
   */
  runtimeHandlers?: string[];
}

/** `status.runtimeHandlers` as a kubelet reports it: the default (unnamed) handler, then each named one. */
export function reportedRuntimeHandlers(names: readonly string[]) {
  return ['', ...names].map(name => ({
    name,
    features: { recursiveReadOnlyMounts: true, userNamespaces: true },
  }));
}

/** us-east-1a → us-east-1 (AWS), europe-west4-a → europe-west4 (GCP), eastus-1 → eastus (Azure). */
export function regionOf(zone: string): string {
  if (/-[a-z]$/.test(zone)) return zone.slice(0, -2);
  if (/\d[a-z]$/.test(zone)) return zone.slice(0, -1);
  return zone.replace(/-\d+$/, '');
}

/** A KWOK-managed Node with the labels and resources a kubelet would register. */
export function kwokNode(shape: NodeShape): KubeObject {
  const capacity = {
    cpu: String(shape.cpu),
    memory: `${shape.memoryGi}Gi`,
    pods: '110',
    'ephemeral-storage': '1888426Mi',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    ...shape.extended,
  };
  const allocatable = {
    ...capacity,
    cpu: `${shape.cpu * 1000 - 190}m`,
    memory: `${shape.memoryGi * 1024 - 3 * 1024}Mi`,
    'ephemeral-storage': '1740375Mi',
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: shape.name,
      annotations: {
        [KWOK_NODE_ANNOTATION]: 'fake',
        'node.alpha.kubernetes.io/ttl': '0',
      },
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': shape.name,
        'node.kubernetes.io/instance-type': shape.instanceType,
        'topology.kubernetes.io/region': regionOf(shape.zone),
        'topology.kubernetes.io/zone': shape.zone,
        type: 'kwok',
        ...shape.labels,
      },
    },
    spec: { ...(shape.taints ? { taints: shape.taints } : {}) },
    status: {
      capacity,
      allocatable,
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.3 LTS',
        kernelVersion: '6.8.0-1035-aws',
        containerRuntimeVersion: 'containerd://2.1.4',
      },
      ...(shape.runtimeHandlers
        ? { runtimeHandlers: reportedRuntimeHandlers(shape.runtimeHandlers) }
        : {}),
    },
  };
}

export interface NvidiaGpu {
  /** GFD product label, e.g. NVIDIA-H100-80GB-HBM3 (DRA productName uses spaces). */
  product: string;
  family: string;
  architecture: string;
  compute: [number, number];
  memoryMiB: number;
  count: number;
  machine: string;
  driver: string; // e.g. 580.95.05
  cuda: string; // e.g. 13.0
}

export interface MigProfile {
  profile: string; // 1g.10gb
  count: number;
  memoryMiB: number;
  multiprocessors: number;
  gi: number;
  ci: number;
  copyEngines: number;
  decoders: number;
  jpeg: number;
  ofa: number;
}

/** Node labels as NVIDIA GPU Feature Discovery (with the GPU Operator) writes them. */
export function gfdLabels(
  gpu: NvidiaGpu,
  opts: {
    sharing?: { strategy: 'time-slicing' | 'mps'; replicas: number };
    mig?: {
      strategy: 'single' | 'mixed';
      config: string;
      profiles: MigProfile[];
    };
    devicePlugin?: boolean;
    timestamp?: number;
  },
): Record<string, string> {
  const [dMaj, dMin, dRev] = gpu.driver.split('.');
  const [cMaj, cMin] = gpu.cuda.split('.');
  const shared = opts.sharing && opts.sharing.replicas > 1;
  const labels: Record<string, string> = {
    'feature.node.kubernetes.io/pci-10de.present': 'true',
    'feature.node.kubernetes.io/kernel-version.major': '6',
    'nvidia.com/cuda.driver-version.full': gpu.driver,
    'nvidia.com/cuda.driver-version.major': dMaj,
    'nvidia.com/cuda.driver-version.minor': dMin,
    'nvidia.com/cuda.driver-version.revision': dRev,
    'nvidia.com/cuda.driver.major': dMaj,
    'nvidia.com/cuda.driver.minor': dMin,
    'nvidia.com/cuda.driver.rev': dRev,
    'nvidia.com/cuda.runtime-version.full': gpu.cuda,
    'nvidia.com/cuda.runtime-version.major': cMaj,
    'nvidia.com/cuda.runtime-version.minor': cMin,
    'nvidia.com/cuda.runtime.major': cMaj,
    'nvidia.com/cuda.runtime.minor': cMin,
    'nvidia.com/gfd.timestamp': String(opts.timestamp ?? 1767225600),
    'nvidia.com/gpu-driver-upgrade-state': 'upgrade-done',
    'nvidia.com/gpu.compute.major': String(gpu.compute[0]),
    'nvidia.com/gpu.compute.minor': String(gpu.compute[1]),
    'nvidia.com/gpu.count': String(gpu.count),
    'nvidia.com/gpu.family': gpu.family,
    'nvidia.com/gpu.machine': gpu.machine,
    'nvidia.com/gpu.memory': String(gpu.memoryMiB),
    'nvidia.com/gpu.mode': 'compute',
    'nvidia.com/gpu.present': 'true',
    // GFD appends -SHARED to the product when replicas > 1 (renameByDefault=false)
    'nvidia.com/gpu.product': shared ? `${gpu.product}-SHARED` : gpu.product,
    'nvidia.com/gpu.replicas': String(opts.sharing?.replicas ?? 1),
    'nvidia.com/gpu.sharing-strategy': opts.sharing?.strategy ?? 'none',
    'nvidia.com/mig.capable': String(
      gpu.compute[0] >= 8 && gpu.memoryMiB >= 40000,
    ),
    'nvidia.com/mps.capable': String(opts.sharing?.strategy === 'mps'),
    'nvidia.com/gpu.deploy.container-toolkit': 'true',
    'nvidia.com/gpu.deploy.dcgm': 'true',
    'nvidia.com/gpu.deploy.dcgm-exporter': 'true',
    'nvidia.com/gpu.deploy.device-plugin': String(opts.devicePlugin ?? true),
    'nvidia.com/gpu.deploy.driver': 'true',
    'nvidia.com/gpu.deploy.gpu-feature-discovery': 'true',
    'nvidia.com/gpu.deploy.node-status-exporter': 'true',
    'nvidia.com/gpu.deploy.operator-validator': 'true',
  };
  if (opts.mig) {
    labels['nvidia.com/mig.strategy'] = opts.mig.strategy;
    labels['nvidia.com/mig.config'] = opts.mig.config;
    labels['nvidia.com/mig.config.state'] = 'success';
    labels['nvidia.com/gpu.deploy.mig-manager'] = 'true';
    for (const p of opts.mig.profiles) {
      const k = `nvidia.com/mig-${p.profile}`;
      Object.assign(labels, {
        [`${k}.count`]: String(p.count),
        [`${k}.memory`]: String(p.memoryMiB),
        [`${k}.multiprocessors`]: String(p.multiprocessors),
        [`${k}.product`]: `${gpu.product}-MIG-${p.profile}`,
        [`${k}.replicas`]: '1',
        [`${k}.sharing-strategy`]: 'none',
        [`${k}.slices.gi`]: String(p.gi),
        [`${k}.slices.ci`]: String(p.ci),
        [`${k}.engines.copy`]: String(p.copyEngines),
        [`${k}.engines.decoder`]: String(p.decoders),
        [`${k}.engines.encoder`]: '0',
        [`${k}.engines.jpeg`]: String(p.jpeg),
        [`${k}.engines.ofa`]: String(p.ofa),
      });
    }
  } else if (labels['nvidia.com/mig.capable'] === 'true') {
    labels['nvidia.com/mig.strategy'] = 'single';
    labels['nvidia.com/mig.config'] = 'all-disabled';
    labels['nvidia.com/mig.config.state'] = 'success';
  }
  return labels;
}

export interface AmdGpu {
  productName: string; // AMD_Instinct_MI300X_OAM
  family: string; // AI
  deviceId: string; // 74a1
  vramGi: number;
  cuCount: number;
  simdCount: number;
  driver: string; // 6.12.12
  count: number;
}

/** Node labels as the AMD GPU operator's node labeller writes them (current and legacy "beta" keys). */
export function amdLabels(gpu: AmdGpu): Record<string, string> {
  const n = String(gpu.count);
  return {
    'feature.node.kubernetes.io/amd-gpu': 'true',
    'feature.node.kubernetes.io/pci-1002.present': 'true',
    'amd.com/gpu.family': gpu.family,
    'amd.com/gpu.product-name': gpu.productName,
    'amd.com/gpu.device-id': gpu.deviceId,
    'amd.com/gpu.vram': `${gpu.vramGi}G`,
    'amd.com/gpu.cu-count': String(gpu.cuCount),
    'amd.com/gpu.simd-count': String(gpu.simdCount),
    'amd.com/gpu.driver-version': gpu.driver,
    'amd.com/gpu.driver-src-version': 'C2D5A8FB0D69F54D1E9B3E1',
    'amd.com/gpu.firmware': '0x00000137',
    'amd.com/gpu.compute-memory-partition': 'spx_nps1',
    'amd.com/gpu.compute-partitioning-supported': 'true',
    'amd.com/gpu.memory-partitioning-supported': 'true',
    [`beta.amd.com/gpu.family.${gpu.family}`]: n,
    [`beta.amd.com/gpu.product-name.${gpu.productName}`]: n,
    [`beta.amd.com/gpu.device-id.${gpu.deviceId}`]: n,
    [`beta.amd.com/gpu.vram.${gpu.vramGi}G`]: n,
    [`beta.amd.com/gpu.cu-count.${gpu.cuCount}`]: n,
    [`beta.amd.com/gpu.simd-count.${gpu.simdCount}`]: n,
  };
}
