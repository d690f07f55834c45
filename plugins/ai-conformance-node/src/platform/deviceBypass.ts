import { PodContainerFact, PodFact } from '../gather/factTypes';
import { VendorProfile } from '../vendors/VendorProfile';

/** Device nodes of accelerators on Linux, whatever the vendor profiles list. */
const ACCELERATOR_DEVICE_PATHS = [
  '/dev/nvidia',
  '/dev/dri',
  '/dev/kfd',
  '/dev/accel',
  '/dev/neuron',
  '/dev/vfio',
  '/dev/hl',
];

/** Values of a visible-devices variable that grant nothing (NVIDIA: `void`, `none`, empty). */
const NO_DEVICES = new Set(['', 'void', 'none']);

/**
 * One way a pod reaches accelerator devices outside the device plugin / DRA.
 * `strong`: the pod has the access (privileged, a device hostPath, a granting variable without
 * a request); `weak`: it may have it, depending on what the API does not show.
 *
 * @public
 */
export interface DeviceBypass {
  kind: 'privileged' | 'hostPath' | 'env';
  strength: 'strong' | 'weak';
  /** Human-readable, e.g. `container cuda (ephemeral) runs privileged`. */
  detail: string;
  /** The spec field, for evidence. */
  field: string;
  /** The containers responsible (every non-ephemeral container for pod-level hostPath volumes). */
  containers: PodContainerFact[];
}

function describeContainer(c: { name: string; type: string }): string {
  return c.type === 'app'
    ? `container ${c.name}`
    : `${c.type} container ${c.name}`;
}

/** True when the pod asks for accelerators through the API (a vendor resource or a ResourceClaim). @public */
export function requestsAccelerator(
  pod: PodFact,
  vendors: readonly VendorProfile[],
): boolean {
  return (
    pod.usesResourceClaims ||
    pod.extendedResources.some(r =>
      vendors.some(
        v =>
          v.resources.includes(r) || v.partitionResources.some(p => p.test(r)),
      ),
    )
  );
}

/**
 * The ways a pod on an accelerator node of the given vendors reaches devices around the device
 * plugin / DRA: privileged containers (app, init or ephemeral), hostPath volumes of `/dev` or an
 * accelerator device node (strong) or of the host root `/` (weak: the device cgroup still guards
 * an unprivileged container), and the vendors' visible-devices variables without an accelerator
 * request (strong with a literal value, weak when it comes from a reference).
 *
 * @public
 */
export function deviceBypasses(
  pod: PodFact,
  nodeVendors: readonly VendorProfile[],
  allVendors: readonly VendorProfile[],
): DeviceBypass[] {
  const containers = pod.containerSecurity ?? [];
  const out: DeviceBypass[] = [];
  const privileged = containers.filter(c => c.privileged);
  if (privileged.length) {
    out.push({
      kind: 'privileged',
      strength: 'strong',
      detail: `${privileged.map(describeContainer).join(', ')} run${
        privileged.length === 1 ? 's' : ''
      } privileged`,
      field: 'spec.*containers[].securityContext.privileged',
      containers: privileged,
    });
  } else if (pod.privileged) {
    // facts without per-container detail
    out.push({
      kind: 'privileged',
      strength: 'strong',
      detail: 'runs privileged',
      field: 'spec.containers[].securityContext.privileged',
      containers: [],
    });
  }
  const devicePrefixes = [
    ...ACCELERATOR_DEVICE_PATHS,
    ...allVendors.flatMap(v => v.deviceFiles),
  ];
  const podLevel = containers.filter(c => c.type !== 'ephemeral');
  const devicePaths = pod.hostPathDevices.filter(
    p => p === '/dev' || devicePrefixes.some(prefix => p.startsWith(prefix)),
  );
  if (devicePaths.length) {
    out.push({
      kind: 'hostPath',
      strength: 'strong',
      detail: `mounts host ${devicePaths.join(', ')}`,
      field: 'spec.volumes[].hostPath.path',
      containers: podLevel,
    });
  }
  if (pod.hostPathDevices.includes('/')) {
    out.push({
      kind: 'hostPath',
      strength: 'weak',
      detail: 'mounts the host root / (device nodes included)',
      field: 'spec.volumes[].hostPath.path',
      containers: podLevel,
    });
  }
  if (!requestsAccelerator(pod, allVendors)) {
    const names = new Set(nodeVendors.flatMap(v => v.visibleDevicesEnv ?? []));
    for (const env of pod.deviceEnv ?? []) {
      if (!names.has(env.name)) continue;
      const granting =
        env.fromReference ||
        !NO_DEVICES.has((env.value ?? '').trim().toLowerCase());
      if (!granting) continue;
      const container = containers.find(
        c => c.name === env.container && c.type === env.containerType,
      ) ?? {
        name: env.container,
        type: env.containerType,
        image: '',
        privileged: false,
      };
      out.push({
        kind: 'env',
        strength: env.fromReference ? 'weak' : 'strong',
        detail: `${describeContainer(container)} sets ${env.name}=${
          env.fromReference ? '(from a reference)' : env.value
        } without requesting an accelerator`,
        field: `spec.*containers[].env[${env.name}]`,
        containers: [container],
      });
    }
  }
  return out;
}
