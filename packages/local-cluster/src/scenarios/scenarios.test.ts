import { nvidiaGpuSlice } from './dra';
import { gfdLabels, kwokNode, regionOf } from './nodes';
import { A100, H100, T4 } from './nvidia';
import {
  gpuOperatorNodeComponents,
  infrastructureAgents,
  secureAccessBypasses,
  VENDOR_PREFIXED_USER_NAMESPACE,
} from './platformAgents';
import { gpuOnDemand } from './onDemand';
import { otherVendors } from './otherVendors';

describe('scenario objects', () => {
  it('labels nodes as GPU Feature Discovery does', () => {
    const shared = gfdLabels(T4, {
      sharing: { strategy: 'time-slicing', replicas: 4 },
    });
    expect(shared['nvidia.com/gpu.product']).toBe('Tesla-T4-SHARED');
    expect(shared['nvidia.com/gpu.replicas']).toBe('4');
    expect(shared['nvidia.com/cuda.driver-version.full']).toBe('580.95.05');
    const mig = gfdLabels(A100, {
      mig: {
        strategy: 'mixed',
        config: 'all-balanced',
        profiles: [
          {
            profile: '1g.10gb',
            count: 16,
            memoryMiB: 9728,
            multiprocessors: 14,
            gi: 1,
            ci: 1,
            copyEngines: 1,
            decoders: 0,
            jpeg: 0,
            ofa: 0,
          },
        ],
      },
    });
    expect(mig['nvidia.com/mig.strategy']).toBe('mixed');
    expect(mig['nvidia.com/mig-1g.10gb.count']).toBe('16');
  });

  it('gives KWOK nodes capacity and allocatable with extended resources', () => {
    const node = kwokNode({
      name: 'n',
      instanceType: 'p5.48xlarge',
      zone: 'us-east-1a',
      cpu: 192,
      memoryGi: 2048,
      extended: { 'nvidia.com/gpu': '8' },
    });
    expect(node.metadata.annotations!['kwok.x-k8s.io/node']).toBe('fake');
    expect(node.status.allocatable['nvidia.com/gpu']).toBe('8');
    expect(node.metadata.labels!['topology.kubernetes.io/region']).toBe(
      'us-east-1',
    );
    expect(['us-east-1a', 'europe-west4-a', 'eastus-1'].map(regionOf)).toEqual([
      'us-east-1',
      'europe-west4',
      'eastus',
    ]);
  });

  it('lays out NVIDIA DRA slices like the driver (semver driverVersion, pool per node)', () => {
    const s = nvidiaGpuSlice({ name: 'node-a', uid: 'u' }, H100, '13.0');
    expect(s.metadata.name).toMatch(/^node-a-gpu\.nvidia\.com-[a-z0-9]{5}$/);
    expect(s.spec.pool).toEqual({
      name: 'node-a',
      generation: 1,
      resourceSliceCount: 1,
    });
    expect(s.spec.devices).toHaveLength(8);
    expect(s.spec.devices[0].attributes.driverVersion).toEqual({
      version: '580.95.5',
    });
    expect(s.spec.devices[0].attributes.cudaDriverVersion).toEqual({
      version: '13.0.0',
    });
  });

  it('runs platform agents privileged, with host /dev or / mounted, as their charts do', () => {
    const objects = [
      ...gpuOperatorNodeComponents('gpu-operator', '580.95.05'),
      ...infrastructureAgents(),
    ].filter(o => o.kind === 'DaemonSet');
    expect(objects.map(o => o.metadata.name)).toEqual([
      'nvidia-driver-daemonset',
      'nvidia-container-toolkit-daemonset',
      'nvidia-operator-validator',
      'longhorn-manager',
      'falco',
      'node-exporter',
    ]);
    const spec = (name: string) =>
      objects.find(o => o.metadata.name === name)!.spec.template.spec;
    expect(spec('nvidia-driver-daemonset').containers[0]).toMatchObject({
      image: 'nvcr.io/nvidia/driver:580.95.05-ubuntu24.04',
      securityContext: { privileged: true },
    });
    expect(spec('falco').volumes.map((v: any) => v.hostPath.path)).toContain(
      '/dev',
    );
  });

  it('builds bypass pods pinned to the GPU node, one in a vendor-prefixed namespace', () => {
    const pods = secureAccessBypasses('gpu-h100-0').filter(
      o => o.kind === 'Pod',
    );
    expect(pods).toHaveLength(4);
    expect(pods.every(p => p.spec.nodeName === 'gpu-h100-0')).toBe(true);
    expect(pods[0].metadata.namespace).toBe(VENDOR_PREFIXED_USER_NAMESPACE);
    expect(VENDOR_PREFIXED_USER_NAMESPACE.startsWith('nvidia-')).toBe(true);
    expect(
      pods.some(p =>
        p.spec.containers.some((c: any) =>
          c.env?.some((e: any) => e.name === 'NVIDIA_VISIBLE_DEVICES'),
        ),
      ),
    ).toBe(true);
  });

  it('builds other-vendors without anything from NVIDIA', async () => {
    const built = await otherVendors.build();
    const everything = JSON.stringify([
      ...built.crds,
      ...built.nodes,
      ...built.objects(new Map()),
    ]);
    expect(everything).not.toMatch(/nvidia/i);
    expect(built.nodes.map(n => n.metadata.name)).toEqual([
      'intel-max-0',
      'gaudi-0',
      'gke-tpu-v6e-0',
      'inf2-0',
      'g4ad-0',
      'cpu-0',
    ]);
  });

  it('builds gpu-on-demand with GPU pools but no GPU node', async () => {
    const built = await gpuOnDemand.build();
    for (const n of built.nodes) {
      expect(
        Object.keys(n.status.allocatable).filter(r => r.includes('/')),
      ).toEqual([]);
    }
    const kinds = built
      .objects(new Map())
      .map(o => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'NodePool/gpu',
        'MachineDeployment/workload-gpu-md-0',
        'ConfigMap/cluster-autoscaler-status',
        'DaemonSet/nvidia-device-plugin-daemonset',
      ]),
    );
  });
});
