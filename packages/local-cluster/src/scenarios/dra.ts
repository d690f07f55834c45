import { KubeObject } from '../client/rest';
import {
  AmdGpu,
  NvidiaGpu,
  stableHex,
  stableSuffix,
  stableUuid,
} from './nodes';

type Attr =
  | { string: string }
  | { int: number }
  | { bool: boolean }
  | { version: string };

const semver = (v: string) =>
  v
    .split('.')
    .map(x => String(Number(x)))
    .concat(['0', '0'])
    .slice(0, 3)
    .join('.');

export function deviceClass(
  name: string,
  cel: string,
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'resource.k8s.io/v1',
    kind: 'DeviceClass',
    metadata: { name },
    spec: { selectors: [{ cel: { expression: cel } }], ...extra },
  };
}

export const nvidiaDeviceClasses = () => [
  deviceClass(
    'gpu.nvidia.com',
    "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'gpu'",
  ),
  deviceClass(
    'mig.nvidia.com',
    "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'mig'",
  ),
];

export const amdDeviceClasses = () => [
  deviceClass('gpu.amd.com', "device.driver == 'gpu.amd.com'"),
];

function slice(
  node: { name: string; uid?: string },
  driver: string,
  devices: unknown[],
): KubeObject {
  return {
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceSlice',
    metadata: {
      // the kubelet plugin names slices <node>-<driver>-<random>
      name: `${node.name}-${driver}-${stableSuffix(node.name + driver)}`,
      ...(node.uid
        ? {
            ownerReferences: [
              {
                apiVersion: 'v1',
                kind: 'Node',
                name: node.name,
                uid: node.uid,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      driver,
      nodeName: node.name,
      pool: { name: node.name, generation: 1, resourceSliceCount: 1 },
      devices,
    },
  };
}

/** One ResourceSlice per node, laid out as the NVIDIA DRA driver publishes full GPUs. */
export function nvidiaGpuSlice(
  node: { name: string; uid?: string },
  gpu: NvidiaGpu,
  cudaDriver: string,
): KubeObject {
  const devices = Array.from({ length: gpu.count }, (_, i) => {
    const bus = (0x18 + i * 0x11).toString(16).padStart(2, '0');
    const attributes: Record<string, Attr> = {
      addressingMode: { string: 'HMM' },
      architecture: { string: gpu.architecture },
      brand: { string: 'Nvidia' },
      cudaComputeCapability: {
        version: `${gpu.compute[0]}.${gpu.compute[1]}.0`,
      },
      cudaDriverVersion: { version: semver(cudaDriver) },
      driverVersion: { version: semver(gpu.driver) },
      productName: { string: gpu.product.replace(/-/g, ' ') },
      'resource.kubernetes.io/pciBusID': { string: `0000:${bus}:00.0` },
      'resource.kubernetes.io/pcieRoot': {
        string: `pci0000:${(0x18 + i * 0x11 - 1)
          .toString(16)
          .padStart(2, '0')}`,
      },
      type: { string: 'gpu' },
      uuid: { string: `GPU-${stableUuid(`${node.name}-gpu-${i}`)}` },
    };
    return {
      name: `gpu-${i}`,
      attributes,
      capacity: { memory: { value: `${gpu.memoryMiB}Mi` } },
    };
  });
  return slice(node, 'gpu.nvidia.com', devices);
}

/** One ResourceSlice per node in the AMD GPU DRA driver's layout (devices gpu-<card>-<render>). */
export function amdGpuSlice(
  node: { name: string; uid?: string },
  gpu: AmdGpu,
): KubeObject {
  const devices = Array.from({ length: gpu.count }, (_, i) => {
    const card = i + 1;
    const render = 128 + i;
    const pci = `0000:${(0x05 + i * 0x10).toString(16).padStart(2, '0')}:00.0`;
    return {
      name: `gpu-${card}-${render}`,
      attributes: {
        type: { string: 'amdgpu' },
        productName: { string: gpu.productName },
        family: { string: gpu.family },
        cardIndex: { int: card },
        renderIndex: { int: render },
        partitionProfile: { string: 'spx_nps1' },
        driverVersion: { version: semver(gpu.driver) },
        pciAddr: { string: pci },
        deviceID: { string: gpu.deviceId },
        'resource.kubernetes.io/pciBusID': { string: pci },
      },
      capacity: {
        memory: { value: `${gpu.vramGi}Gi` },
        computeUnits: { value: String(gpu.cuCount) },
        simdUnits: { value: String(gpu.simdCount) },
      },
    };
  });
  return slice(node, 'gpu.amd.com', devices);
}

/**
 * One ResourceSlice per node in DRANET's layout (driver `dra.net`): each RDMA
 * NIC is a device named after its PCI address, with interface, PCI and NUMA
 * attributes, as the DRANET DaemonSet publishes them.
 */
export function dranetSlice(
  node: { name: string; uid?: string },
  nics: number,
): KubeObject {
  const devices = Array.from({ length: nics }, (_, i) => {
    const bus = (0x19 + i * 0x11).toString(16).padStart(2, '0');
    const mac = stableHex(`${node.name}-nic-${i}`, 10).match(/../g)!.join(':');
    const attributes: Record<string, Attr> = {
      'dra.net/encapsulation': { string: 'ether' },
      'dra.net/ifName': { string: `gpu${i}rdma0` },
      'dra.net/kind': { string: 'network' },
      'dra.net/mac': { string: `02:${mac}` },
      'dra.net/mtu': { int: 8896 },
      'dra.net/numaNode': { int: i < nics / 2 ? 0 : 1 },
      'dra.net/pciAddress': { string: `0000:${bus}:00.0` },
      'dra.net/pciVendor': { string: 'Mellanox Technologies' },
      'dra.net/rdma': { bool: true },
      'dra.net/sriov': { bool: false },
      'dra.net/virtual': { bool: false },
      // the GPU with the same PCIe root can be aligned with this NIC
      'resource.kubernetes.io/pcieRoot': {
        string: `pci0000:${(0x18 + i * 0x11 - 1)
          .toString(16)
          .padStart(2, '0')}`,
      },
    };
    return { name: `pci-0000-${bus}-00-0`, attributes };
  });
  return slice(node, 'dra.net', devices);
}

export const dranetDeviceClasses = () => [
  deviceClass(
    'dranet-rdma',
    "device.driver == 'dra.net' && device.attributes['dra.net'].rdma == true",
  ),
];
