import { describeWithShared, readFixture } from '../__testUtils__/facts';
import { reduceResourceSlice } from '../gather/reduce';
import { ResourceSliceFact } from '../gather/factTypes';
import { compileSelector, devicesSelectedBy } from './deviceClassSelector';

const slice = (
  driver: string,
  devices: Array<Record<string, string | number | boolean>>,
): ResourceSliceFact => ({
  name: `${driver}-slice`,
  driver,
  nodeName: 'n',
  pool: { name: 'n', generation: 1, resourceSliceCount: 1 },
  sharedCounters: false,
  devices: devices.map((attributes, i) => ({
    name: `d${i}`,
    attributes,
    consumesCounters: false,
    allowMultipleAllocations: false,
  })),
});
const cls = (name: string, ...selectors: string[]) => ({
  name,
  apiVersion: 'resource.k8s.io/v1',
  selectors,
});

describe('DeviceClass selectors', () => {
  const nvidia = slice('gpu.nvidia.com', [
    { type: 'gpu', productName: 'NVIDIA H100 80GB HBM3' },
    { type: 'gpu', productName: 'NVIDIA H100 80GB HBM3' },
  ]);
  it('evaluates driver and attribute comparisons, qualified or bare', () => {
    const gpu = cls(
      'gpu.nvidia.com',
      "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'gpu'",
    );
    const mig = cls(
      'mig.nvidia.com',
      "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'mig'",
    );
    const vfio = cls(
      'vfio.gpu.nvidia.com',
      "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'vfio'",
    );
    expect(devicesSelectedBy(gpu, [nvidia])).toHaveLength(2);
    // the DRA chart's default classes select nothing when no such device is published
    expect(devicesSelectedBy(mig, [nvidia])).toEqual([]);
    expect(devicesSelectedBy(vfio, [nvidia])).toEqual([]);
    expect(
      devicesSelectedBy(cls('amd', "device.driver == 'gpu.amd.com'"), [nvidia]),
    ).toEqual([]);
    expect(devicesSelectedBy(cls('all'), [nvidia])).toHaveLength(2);
    expect(
      devicesSelectedBy(
        cls(
          'h100',
          'device.attributes["gpu.nvidia.com"].productName.matches("H100")',
        ),
        [nvidia],
      ),
    ).toHaveLength(2);
  });
  it('refuses what it cannot evaluate honestly', () => {
    expect(
      compileSelector("device.driver == 'a' || device.driver == 'b'"),
    ).toBeUndefined();
    expect(
      compileSelector(
        "device.capacity['gpu.nvidia.com'].memory.compareTo(quantity('40Gi')) >= 0",
      ),
    ).toBeUndefined();
    expect(
      devicesSelectedBy(cls('x', "device.attributes['d'].n > 3"), [nvidia]),
    ).toBeUndefined();
  });
});

describeWithShared(
  'DeviceClass selectors on real ResourceSlices (../shared fixtures)',
  () => {
    it('selects the vGPU devices of the VKS slices with the gpu class and no MIG device', () => {
      const slices = readFixture(
        'dra/v1-resourceslice-list-nvidia-gpu-vks-v1.36.yaml',
      ).map(reduceResourceSlice);
      const gpu = devicesSelectedBy(
        cls(
          'gpu.nvidia.com',
          "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'gpu'",
        ),
        slices,
      );
      expect(gpu!.length).toBe(
        slices.reduce((n, s) => n + s.devices.length, 0),
      );
      expect(
        devicesSelectedBy(
          cls(
            'mig.nvidia.com',
            "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'mig'",
          ),
          slices,
        ),
      ).toEqual([]);
    });
  },
);
