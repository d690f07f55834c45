import {
  context,
  describeWithShared,
  makeFacts,
  node,
  readFixture,
  withDefaults,
} from '../__testUtils__/facts';
import { reduceResourceSlice } from '../gather/reduce';
import { ResourceSliceFact } from '../gather/factTypes';
import { draSupport } from './draSupport';
import { driverRuntimeManagement } from './driverRuntimeManagement';
import { gpuSharing } from './gpuSharing';
import { virtualizedAccelerator } from './virtualizedAccelerator';
import { RequirementCheck } from './RequirementCheck';

const DRA_V1 = {
  'resource.k8s.io/v1': [
    'deviceclasses',
    'resourceclaims',
    'resourceclaimtemplates',
    'resourceslices',
  ],
};
const run = (
  check: RequirementCheck,
  facts: ReturnType<typeof makeFacts>,
  ctx = context(),
) => check.evaluate(withDefaults(facts, check.reads), ctx);

const h100 = node('gpu-0', {
  labels: {
    'nvidia.com/gpu.present': 'true',
    'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
    'nvidia.com/cuda.driver-version.full': '580.95.05',
  },
  allocatable: { cpu: '192', 'nvidia.com/gpu': '8' },
});

describe('dra_support', () => {
  it('passes when resource.k8s.io/v1 serves the four DRA resources', () => {
    const slice: ResourceSliceFact = {
      name: 's',
      driver: 'gpu.nvidia.com',
      nodeName: 'gpu-0',
      pool: { name: 'p', generation: 1, resourceSliceCount: 1 },
      sharedCounters: false,
      devices: [
        {
          name: 'gpu-0',
          attributes: {},
          consumesCounters: false,
          allowMultipleAllocations: false,
        },
      ],
    };
    const result = run(
      draSupport,
      makeFacts({ served: DRA_V1, values: { resourceSlices: [slice] } }),
    );
    expect(result.verdict).toBe('pass');
    expect(result.evidence.map(e => e.message).join('\n')).toContain(
      'gpu.nvidia.com publishes 1 device(s)',
    );
  });

  it('fails when the group is not served', () => {
    expect(
      run(draSupport, makeFacts({ served: { v1: ['nodes'] } })).verdict,
    ).toBe('fail');
  });

  it('fails a 1.34+ checklist when only a beta version is served, but accepts it for 1.33', () => {
    const facts = makeFacts({
      served: { 'resource.k8s.io/v1beta1': DRA_V1['resource.k8s.io/v1'] },
    });
    const strict = run(
      draSupport,
      facts,
      context({ checklistVersion: '1.35' }),
    );
    expect(strict.verdict).toBe('fail');
    expect(strict.reason).toContain('v1beta1');
    expect(
      run(
        draSupport,
        facts,
        context({ checklistVersion: '1.33', level: 'SHOULD' }),
      ).verdict,
    ).toBe('pass');
  });

  it('fails when a DRA resource is missing', () => {
    const result = run(
      draSupport,
      makeFacts({
        served: { 'resource.k8s.io/v1': ['deviceclasses', 'resourceslices'] },
      }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('resourceclaims');
  });
});

describe('driver_runtime_management', () => {
  it('passes when every accelerator node advertises a driver version (label)', () => {
    const result = run(
      driverRuntimeManagement,
      makeFacts({ values: { nodes: [h100, node('cpu-0')] } }),
    );
    expect(result.verdict).toBe('pass');
    expect(result.evidence.some(e => e.value === '580.95.05')).toBe(true);
  });

  it('is unknown, not fail, when an accelerator node advertises no driver version (missing metadata is no evidence of a broken driver)', () => {
    const bare = node('gpu-1', { allocatable: { 'amd.com/gpu': '8' } });
    const result = run(
      driverRuntimeManagement,
      makeFacts({ values: { nodes: [h100, bare] } }),
    );
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toContain('gpu-1');
  });

  it('is not applicable without accelerators and unknown for unrecognised ones', () => {
    expect(
      run(
        driverRuntimeManagement,
        makeFacts({ values: { nodes: [node('cpu-0')] } }),
      ).verdict,
    ).toBe('not-applicable');
    const odd = node('x', { allocatable: { 'acme.example/npu': '4' } });
    const result = run(
      driverRuntimeManagement,
      makeFacts({ values: { nodes: [odd] } }),
    );
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toContain('acme.example/npu');
  });

  it('is an error verdict when nodes cannot be read', () => {
    const facts = makeFacts({
      errors: { nodes: 'Forbidden (403): the identity may not list nodes.' },
    });
    expect(() => driverRuntimeManagement.evaluate(facts, context())).toThrow(
      'may not list nodes',
    );
  });
});

describeWithShared('driver_runtime_management with the VKS DRA fixture', () => {
  it('reads driverVersion from real ResourceSlices', () => {
    const slices = readFixture(
      'dra/v1-resourceslice-list-nvidia-gpu-vks-v1.36.yaml',
    ).map(reduceResourceSlice);
    const nodes = [...new Set(slices.map(s => s.nodeName!))].map(n => node(n));
    const result = run(
      driverRuntimeManagement,
      makeFacts({ values: { nodes, resourceSlices: slices } }),
    );
    expect(result.verdict).toBe('pass');
    expect(
      result.evidence.some(e => String(e.value).includes('580.126.9')),
    ).toBe(true);
  });
});

describe('gpu_sharing', () => {
  it('passes with MIG partition resources', () => {
    const mig = node('mig-0', {
      labels: {
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/mig.strategy': 'mixed',
      },
      allocatable: { 'nvidia.com/gpu': '0', 'nvidia.com/mig-1g.10gb': '16' },
    });
    const result = run(gpuSharing, makeFacts({ values: { nodes: [mig] } }));
    expect(result.verdict).toBe('pass');
    expect(result.evidence.map(e => e.message).join()).toContain(
      'nvidia.com/mig-1g.10gb',
    );
  });

  it('passes with published time-slicing replicas', () => {
    const shared = node('t4', {
      labels: {
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/gpu.sharing-strategy': 'time-slicing',
        'nvidia.com/gpu.replicas': '4',
      },
      allocatable: { 'nvidia.com/gpu': '4' },
    });
    expect(
      run(gpuSharing, makeFacts({ values: { nodes: [shared] } })).verdict,
    ).toBe('pass');
  });

  it('does not count sharing configuration: mig.strategy, a strategy label without replicas, default DeviceClasses', () => {
    const configured = node('a100', {
      labels: {
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/mig.strategy': 'single',
        'nvidia.com/gpu.sharing-strategy': 'time-slicing',
        'nvidia.com/gpu.replicas': '1',
      },
      allocatable: { 'nvidia.com/gpu': '8' },
    });
    const drained = node('t4', {
      labels: {
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/gpu.replicas': '4',
      },
      allocatable: { 'nvidia.com/gpu': '0' },
    });
    const migClass = {
      name: 'mig.nvidia.com',
      apiVersion: 'resource.k8s.io/v1',
      selectors: [
        "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'mig'",
      ],
    };
    const result = run(
      gpuSharing,
      makeFacts({
        values: { nodes: [configured, drained], deviceClasses: [migClass] },
      }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('sharing labels are set');
  });

  it('passes with published MIG devices in ResourceSlices and counts the class that selects them', () => {
    const draNode = node('dra-0', {
      labels: { 'nvidia.com/gpu.present': 'true' },
    });
    const slice: ResourceSliceFact = {
      name: 'dra-0-gpu',
      driver: 'gpu.nvidia.com',
      nodeName: 'dra-0',
      pool: { name: 'dra-0', generation: 1, resourceSliceCount: 1 },
      sharedCounters: false,
      devices: [
        {
          name: 'gpu-0-mig-1g',
          attributes: { type: 'mig', profile: '1g.10gb' },
          consumesCounters: false,
          allowMultipleAllocations: false,
        },
      ],
    };
    const migClass = {
      name: 'mig.nvidia.com',
      apiVersion: 'resource.k8s.io/v1',
      selectors: [
        "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'mig'",
      ],
    };
    const result = run(
      gpuSharing,
      makeFacts({
        values: {
          nodes: [draNode],
          resourceSlices: [slice],
          deviceClasses: [migClass],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
    expect(result.evidence.map(e => e.message).join('\n')).toContain(
      'DeviceClass mig.nvidia.com selects 1',
    );
  });

  it('fails when shareable accelerators expose no sharing', () => {
    expect(
      run(gpuSharing, makeFacts({ values: { nodes: [h100] } })).verdict,
    ).toBe('fail');
  });

  it('is not applicable for accelerators without sharing support (TPU)', () => {
    const tpu = node('tpu', {
      labels: { 'cloud.google.com/gke-tpu-accelerator': 'tpu-v6e-slice' },
      allocatable: { 'google.com/tpu': '4' },
    });
    const result = run(gpuSharing, makeFacts({ values: { nodes: [tpu] } }));
    expect(result.verdict).toBe('not-applicable');
    expect(result.reason).toContain('Google TPU');
  });
});

describe('virtualized_accelerator', () => {
  it('passes for vGPU guests', () => {
    const vgpu = node('v', {
      labels: {
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/vgpu.present': 'true',
      },
      allocatable: { 'nvidia.com/gpu': '1' },
    });
    expect(
      run(virtualizedAccelerator, makeFacts({ values: { nodes: [vgpu] } }))
        .verdict,
    ).toBe('pass');
  });

  it('does not count a vGPU label on a node that publishes nothing, nor the default VFIO DeviceClass or KubeVirt alone', () => {
    const unpublished = node('v', {
      labels: {
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/vgpu.present': 'true',
      },
      allocatable: { 'nvidia.com/gpu': '0' },
    });
    const vfioClass = {
      name: 'vfio.gpu.nvidia.com',
      apiVersion: 'resource.k8s.io/v1',
      selectors: [
        "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'vfio'",
      ],
    };
    const result = run(
      virtualizedAccelerator,
      makeFacts({
        served: { 'kubevirt.io/v1': ['virtualmachines'] },
        values: { nodes: [h100, unpublished], deviceClasses: [vfioClass] },
      }),
    );
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toContain('KubeVirt is installed');
  });

  it('passes with published passthrough devices and the VFIO class that selects them', () => {
    const slice: ResourceSliceFact = {
      name: 'h-gpu',
      driver: 'gpu.nvidia.com',
      nodeName: 'gpu-0',
      pool: { name: 'gpu-0', generation: 1, resourceSliceCount: 1 },
      sharedCounters: false,
      devices: [
        {
          name: 'gpu-0-vfio',
          attributes: { type: 'vfio' },
          consumesCounters: false,
          allowMultipleAllocations: false,
        },
      ],
    };
    const vfioClass = {
      name: 'vfio.gpu.nvidia.com',
      apiVersion: 'resource.k8s.io/v1',
      selectors: [
        "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'vfio'",
      ],
    };
    const result = run(
      virtualizedAccelerator,
      makeFacts({
        values: {
          nodes: [h100],
          resourceSlices: [slice],
          deviceClasses: [vfioClass],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
    expect(result.evidence.some(e => e.object?.kind === 'DeviceClass')).toBe(
      true,
    );
  });

  it('is unknown when accelerators have no recognised virtualization, N/A without accelerators', () => {
    expect(
      run(virtualizedAccelerator, makeFacts({ values: { nodes: [h100] } }))
        .verdict,
    ).toBe('unknown');
    expect(
      run(
        virtualizedAccelerator,
        makeFacts({ values: { nodes: [node('cpu')] } }),
      ).verdict,
    ).toBe('not-applicable');
  });
});

describeWithShared(
  'virtualized_accelerator on real vGPU ResourceSlices (../shared fixtures)',
  () => {
    it('recognises the NVIDIA vGPU brand published by the DRA driver on VKS', () => {
      const slices = readFixture(
        'dra/v1-resourceslice-list-nvidia-gpu-vks-v1.36.yaml',
      ).map(reduceResourceSlice);
      const nodes = [...new Set(slices.map(s => s.nodeName!))].map(n =>
        node(n),
      );
      const result = run(
        virtualizedAccelerator,
        makeFacts({ values: { nodes, resourceSlices: slices } }),
      );
      expect(result.verdict).toBe('pass');
      expect(result.evidence[0].object?.kind).toBe('ResourceSlice');
    });
  },
);
