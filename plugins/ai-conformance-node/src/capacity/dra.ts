import {
  ResourceClaimFact,
  ResourceSliceFact,
  SliceDeviceFact,
} from '../gather/factTypes';
import { DRA_DEVICE_ATTRIBUTES } from '../vendors/acceleratorLabels';
import {
  AUXILIARY_DRA_DRIVERS,
  NETWORK_DRA_DRIVERS,
} from '../vendors/profiles';
import { VendorProfile } from '../vendors/VendorProfile';
import { parseQuantity } from './quantity';
import { DeviceCounts, DraDevice, DraPool, UnknownAccelerator } from './types';

/** The DRA part of a capacity snapshot. @public */
export interface DraInventory {
  pools: DraPool[];
  devices: DraDevice[];
  /** Physical ids per device, for counting physical devices per node without double counting. */
  physicalIds: Map<DraDevice, string | undefined>;
  unknown: UnknownAccelerator[];
}

/** An attribute by bare name (the driver's domain) or qualified with the driver. */
function attribute(
  device: SliceDeviceFact,
  driver: string,
  names: readonly string[],
): string | undefined {
  for (const name of names) {
    const value =
      device.attributes[name] ?? device.attributes[`${driver}/${name}`];
    if (value !== undefined && value !== '') return String(value);
  }
  return undefined;
}

/**
 * Slices of each pool's highest generation only: older ones are being replaced.
 *
 * @public
 */
export function currentSlices(
  slices: ResourceSliceFact[],
): ResourceSliceFact[] {
  const newest = new Map<string, number>();
  for (const s of slices) {
    const key = `${s.driver}\u0000${s.pool.name}`;
    newest.set(key, Math.max(newest.get(key) ?? -Infinity, s.pool.generation));
  }
  return slices.filter(
    s => s.pool.generation === newest.get(`${s.driver}\u0000${s.pool.name}`),
  );
}

/** Counter sets whose remaining counters no longer cover a device's consumption. */
function counterBlocked(
  device: SliceDeviceFact,
  remaining: Map<string, Map<string, number>>,
): boolean {
  return (device.counterConsumption ?? []).some(c =>
    Object.entries(c.counters).some(([counter, value]) => {
      const left = remaining.get(c.counterSet)?.get(counter);
      const need = parseQuantity(value) ?? 0;
      return left !== undefined && left < need;
    }),
  );
}

export function countDevices(
  devices: DraDevice[],
  physicalIds: Map<DraDevice, string | undefined>,
): DeviceCounts {
  const physical = new Set<string>();
  for (const d of devices) {
    const id = physicalIds.get(d);
    if (id) physical.add(id);
  }
  return {
    physical: physical.size,
    devices: devices.length,
    allocated: devices.filter(d => d.claims.length > 0).length,
    free: devices.filter(d => d.free).length,
  };
}

/**
 * Devices published through DRA, with what ResourceClaims allocated. Network and auxiliary
 * drivers (RDMA NICs, compute-domain channels) are left out; unknown drivers are counted as
 * unknown accelerators with the driver name.
 *
 * @public
 */
export function draInventory(
  slices: ResourceSliceFact[],
  claims: ResourceClaimFact[],
  profiles: readonly VendorProfile[],
): DraInventory {
  const unknown: UnknownAccelerator[] = [];
  const allocations = new Map<string, string[]>();
  for (const claim of claims) {
    for (const r of claim.allocated) {
      const key = `${r.driver}\u0000${r.pool}\u0000${r.device}`;
      const list = allocations.get(key) ?? [];
      list.push(`${claim.namespace}/${claim.name}`);
      allocations.set(key, list);
    }
  }
  const skipped = new Set<string>([
    ...NETWORK_DRA_DRIVERS,
    ...AUXILIARY_DRA_DRIVERS,
  ]);
  const vendorOf = (driver: string) =>
    profiles.find(p => p.draDrivers.includes(driver))?.id;
  const poolSlices = new Map<string, ResourceSliceFact[]>();
  for (const s of currentSlices(slices)) {
    if (skipped.has(s.driver)) continue;
    const key = `${s.driver}\u0000${s.pool.name}`;
    poolSlices.set(key, [...(poolSlices.get(key) ?? []), s]);
  }
  const devices: DraDevice[] = [];
  const physicalIds = new Map<DraDevice, string | undefined>();
  const pools: DraPool[] = [];
  const reportedDrivers = new Set<string>();
  for (const group of poolSlices.values()) {
    const first = group[0];
    const vendor = vendorOf(first.driver);
    const poolDevices: DraDevice[] = [];
    // remaining shared counters of the pool after the allocated devices drew theirs
    const remaining = new Map<string, Map<string, number>>();
    for (const s of group) {
      for (const [set, counters] of Object.entries(s.counterSets ?? {})) {
        const m = new Map<string, number>();
        for (const [name, value] of Object.entries(counters)) {
          m.set(name, parseQuantity(value) ?? 0);
        }
        remaining.set(set, m);
      }
    }
    const entries: Array<{ device: SliceDeviceFact; out: DraDevice }> = [];
    for (const s of group) {
      for (const device of s.devices) {
        const type = attribute(device, s.driver, ['type']);
        if (
          type &&
          (DRA_DEVICE_ATTRIBUTES.auxiliaryTypes as readonly string[]).includes(
            type,
          )
        ) {
          continue;
        }
        const profile = attribute(
          device,
          s.driver,
          DRA_DEVICE_ATTRIBUTES.profile,
        );
        const parentAttr = attribute(
          device,
          s.driver,
          DRA_DEVICE_ATTRIBUTES.parent,
        );
        const isPartition =
          (!!type &&
            (
              DRA_DEVICE_ATTRIBUTES.partitionTypes as readonly string[]
            ).includes(type)) ||
          !!parentAttr;
        const counterSet = device.counterConsumption?.[0]?.counterSet;
        const ownId =
          attribute(device, s.driver, [
            'uuid',
            'pciAddr',
            'resource.kubernetes.io/pciBusID',
            'pcieBusID',
          ]) ?? `${s.pool.name}/${device.name}`;
        const memory = DRA_DEVICE_ATTRIBUTES.memory
          .map(
            name =>
              device.capacity?.[name] ??
              device.capacity?.[`${s.driver}/${name}`],
          )
          .find(v => v !== undefined);
        const claimsOf =
          allocations.get(
            `${s.driver}\u0000${s.pool.name}\u0000${device.name}`,
          ) ?? [];
        const out: DraDevice = {
          driver: s.driver,
          pool: s.pool.name,
          node: s.nodeName,
          device: device.name,
          vendor,
          model:
            attribute(device, s.driver, DRA_DEVICE_ATTRIBUTES.model) ??
            'unknown',
          memoryBytes: memory !== undefined ? parseQuantity(memory) : undefined,
          kind: isPartition ? 'partition' : 'device',
          profile,
          parent: isPartition ? parentAttr ?? counterSet : undefined,
          claims: claimsOf,
          free: false,
        };
        // one physical device per counter set, else per uuid/PCI address; a partition counts
        // towards its parent and never on its own
        let physicalId: string | undefined = ownId;
        if (counterSet) physicalId = `${s.pool.name}/${counterSet}`;
        else if (isPartition) physicalId = parentAttr;
        physicalIds.set(out, physicalId);
        entries.push({ device, out });
        poolDevices.push(out);
        if (claimsOf.length) {
          for (const c of device.counterConsumption ?? []) {
            const set = remaining.get(c.counterSet);
            for (const [name, value] of Object.entries(c.counters)) {
              if (set?.has(name)) {
                set.set(name, set.get(name)! - (parseQuantity(value) ?? 0));
              }
            }
          }
        }
      }
    }
    for (const { device, out } of entries) {
      out.free = out.claims.length === 0 && !counterBlocked(device, remaining);
    }
    if (!vendor && poolDevices.length && !reportedDrivers.has(first.driver)) {
      reportedDrivers.add(first.driver);
      unknown.push({
        name: first.driver,
        node: first.nodeName,
        reason: 'unknown-dra-driver',
        detail: `DRA driver ${first.driver} matches no vendor profile; its ${poolDevices.length} device(s) in pool ${first.pool.name} are counted as unknown accelerators`,
      });
    }
    devices.push(...poolDevices);
    pools.push({
      driver: first.driver,
      pool: first.pool.name,
      node: group.every(s => s.nodeName === first.nodeName)
        ? first.nodeName
        : undefined,
      generation: first.pool.generation,
      slices: group.length,
      expectedSlices: Math.max(...group.map(s => s.pool.resourceSliceCount)),
      counts: countDevices(poolDevices, physicalIds),
    });
  }
  return { pools, devices, physicalIds, unknown };
}
