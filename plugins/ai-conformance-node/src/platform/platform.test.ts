import { PodFact } from '../gather/factTypes';
import { VENDOR_PROFILES } from '../vendors/profiles';
import { classifyPod, owningWorkload } from './classifyPod';
import { deviceBypasses, requestsAccelerator } from './deviceBypass';
import { imageRepository } from '../workloads/images';
import { matchImage } from './imagePatterns';
import { INFRASTRUCTURE_AGENTS } from './infrastructureAgents';

const catalog = { vendors: VENDOR_PROFILES, agents: INFRASTRUCTURE_AGENTS };
const nvidia = VENDOR_PROFILES.filter(v => v.id === 'nvidia');

function pod(overrides: Partial<PodFact> = {}): PodFact {
  return {
    namespace: 'team-a',
    name: 'p',
    labels: {},
    nodeName: 'gpu-0',
    phase: 'Running',
    privileged: false,
    hostPathDevices: [],
    extendedResources: [],
    usesResourceClaims: false,
    containerSecurity: [
      { name: 'main', type: 'app', image: 'python:3.12', privileged: false },
    ],
    deviceEnv: [],
    ...overrides,
  };
}

const daemonSetPod = (image: string, extra: Partial<PodFact> = {}) =>
  pod({
    owner: { kind: 'DaemonSet', name: 'agent' },
    privileged: true,
    containerSecurity: [
      { name: 'agent', type: 'app', image, privileged: true },
    ],
    ...extra,
  });

describe('image repositories', () => {
  it('drops registry, tag and digest, and keeps mirrors matching', () => {
    expect(imageRepository('nvcr.io/nvidia/k8s-device-plugin:v0.18.0')).toBe(
      'nvidia/k8s-device-plugin',
    );
    expect(imageRepository('localhost:5000/rook/ceph@sha256:abc')).toBe(
      'rook/ceph',
    );
    expect(imageRepository('longhornio/longhorn-manager')).toBe(
      'longhornio/longhorn-manager',
    );
    expect(
      matchImage('harbor.corp.example/nvcr/nvidia/driver:580-ubuntu24.04', [
        'nvidia/driver',
      ]),
    ).toBe('nvidia/driver');
    expect(
      matchImage('quay.io/cephcsi/cephcsi:v3.14', ['cephcsi/cephcsi']),
    ).toBe('cephcsi/cephcsi');
    expect(
      matchImage('docker.io/intel/intel-gpu-plugin:0.32.0', [
        'intel/intel-*-plugin',
      ]),
    ).toBe('intel/intel-*-plugin');
  });
  it('matches whole path segments only', () => {
    expect(
      matchImage('example.org/evilnvidia/driver:1', ['nvidia/driver']),
    ).toBeUndefined();
    expect(
      matchImage('example.org/nvidia/driver-tools:1', ['nvidia/driver']),
    ).toBeUndefined();
    expect(
      matchImage('intel/intel-gpu-plugin-extra/x', ['intel/intel-*-plugin']),
    ).toBeUndefined();
  });
});

describe('who is platform', () => {
  it('takes DaemonSet pods running vendor component or infrastructure agent images as platform', () => {
    for (const image of [
      'nvcr.io/nvidia/driver:580.95.05-ubuntu24.04',
      'nvcr.io/nvidia/k8s/container-toolkit:v1.18.0',
      'nvcr.io/nvidia/k8s-dra-driver-gpu:v25.8.0',
      'docker.io/longhornio/longhorn-manager:v1.9.1',
      'quay.io/ceph/ceph:v19',
      'docker.io/falcosecurity/falco:0.41.3',
      'quay.io/cilium/cilium:v1.18.0',
      'ghcr.io/k8snetworkplumbingwg/sriov-network-device-plugin:v3.9.0',
      'docker.io/intel/intel-gpu-plugin:0.32.0',
    ]) {
      const role = classifyPod(
        daemonSetPod(image),
        daemonSetPod(image).containerSecurity!,
        catalog,
      );
      expect({ image, role: role.role }).toEqual({ image, role: 'platform' });
    }
  });
  it('never decides by namespace: a bare pod or an unknown image in a vendor namespace is workload', () => {
    const bare = pod({
      namespace: 'nvidia-foo',
      privileged: true,
      containerSecurity: [
        {
          name: 'x',
          type: 'app',
          image: 'nvcr.io/nvidia/driver:580',
          privileged: true,
        },
      ],
    });
    // a known image without a controlling owner is only a hint
    expect(classifyPod(bare, bare.containerSecurity!, catalog).role).toBe(
      'uncertain',
    );
    const unknown = daemonSetPod('example.org/team/tool:1', {
      namespace: 'gpu-operator',
    });
    expect(classifyPod(unknown, unknown.containerSecurity!, catalog).role).toBe(
      'workload',
    );
  });
  it('treats static pods as platform and ephemeral containers as workload', () => {
    const mirror = pod({ owner: { kind: 'Node', name: 'gpu-0' } });
    expect(classifyPod(mirror, mirror.containerSecurity!, catalog).role).toBe(
      'platform',
    );
    const debugged = daemonSetPod('nvcr.io/nvidia/driver:580', {
      containerSecurity: [
        {
          name: 'debugger-x',
          type: 'ephemeral',
          image: 'nvcr.io/nvidia/driver:580',
          privileged: true,
        },
      ],
    });
    expect(
      classifyPod(debugged, debugged.containerSecurity!, catalog).role,
    ).toBe('workload');
  });
  it('is uncertain when only labels or the owner name point at a known agent', () => {
    const selfBuilt = daemonSetPod(
      'registry.corp/ops/longhorn-manager-patched:1',
      { labels: { 'app.kubernetes.io/name': 'longhorn-manager' } },
    );
    const role = classifyPod(selfBuilt, selfBuilt.containerSecurity!, catalog);
    expect(role.role).toBe('uncertain');
  });
  it('names the Deployment behind a ReplicaSet from the pod-template-hash', () => {
    expect(
      owningWorkload(
        pod({
          owner: { kind: 'ReplicaSet', name: 'rook-ceph-osd-0-7d9f8c6b5' },
          labels: { 'pod-template-hash': '7d9f8c6b5' },
        }),
      ),
    ).toEqual({ kind: 'Deployment', name: 'rook-ceph-osd-0' });
    expect(
      owningWorkload(
        pod({ owner: { kind: 'ReplicaSet', name: 'standalone' } }),
      ),
    ).toEqual({ kind: 'ReplicaSet', name: 'standalone' });
    expect(owningWorkload(pod())).toBeUndefined();
  });
});

describe('device bypasses', () => {
  const kinds = (p: PodFact) =>
    deviceBypasses(p, nvidia, VENDOR_PROFILES).map(
      b => `${b.kind}:${b.strength}`,
    );
  it('finds privileged app, init and ephemeral containers', () => {
    for (const type of ['app', 'init', 'ephemeral'] as const) {
      expect(
        kinds(
          pod({
            privileged: true,
            containerSecurity: [
              { name: 'c', type, image: 'x', privileged: true },
            ],
          }),
        ),
      ).toEqual(['privileged:strong']);
    }
  });
  it('finds device hostPaths (normalised by the reducer) and treats the host root as weak', () => {
    expect(kinds(pod({ hostPathDevices: ['/dev'] }))).toEqual([
      'hostPath:strong',
    ]);
    expect(kinds(pod({ hostPathDevices: ['/dev/nvidia0'] }))).toEqual([
      'hostPath:strong',
    ]);
    expect(kinds(pod({ hostPathDevices: ['/dev/dri'] }))).toEqual([
      'hostPath:strong',
    ]);
    expect(kinds(pod({ hostPathDevices: ['/'] }))).toEqual(['hostPath:weak']);
    expect(
      kinds(pod({ hostPathDevices: ['/dev/shm', '/dev/log', '/dev/fuse'] })),
    ).toEqual([]);
  });
  it('finds a granting visible-devices variable without a request, and ignores filters and requests', () => {
    const env = (name: string, value?: string, fromReference?: boolean) => ({
      container: 'main',
      containerType: 'app' as const,
      name,
      value,
      fromReference,
    });
    expect(
      kinds(pod({ deviceEnv: [env('NVIDIA_VISIBLE_DEVICES', 'all')] })),
    ).toEqual(['env:strong']);
    expect(
      kinds(
        pod({ deviceEnv: [env('NVIDIA_VISIBLE_DEVICES', undefined, true)] }),
      ),
    ).toEqual(['env:weak']);
    expect(
      kinds(
        pod({
          deviceEnv: [
            env('NVIDIA_VISIBLE_DEVICES', 'void'),
            env('NVIDIA_VISIBLE_DEVICES', 'none'),
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      kinds(
        pod({
          deviceEnv: [
            env('CUDA_VISIBLE_DEVICES', '0'),
            env('AMD_VISIBLE_DEVICES', 'all'),
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      kinds(
        pod({
          extendedResources: ['nvidia.com/gpu'],
          deviceEnv: [env('NVIDIA_VISIBLE_DEVICES', 'all')],
        }),
      ),
    ).toEqual([]);
  });
  it('knows what an accelerator request is', () => {
    expect(
      requestsAccelerator(
        pod({ extendedResources: ['nvidia.com/mig-1g.10gb'] }),
        VENDOR_PROFILES,
      ),
    ).toBe(true);
    expect(
      requestsAccelerator(pod({ usesResourceClaims: true }), VENDOR_PROFILES),
    ).toBe(true);
    expect(
      requestsAccelerator(
        pod({ extendedResources: ['example.com/foo'] }),
        VENDOR_PROFILES,
      ),
    ).toBe(false);
  });
});
