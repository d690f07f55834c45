import {
  CAPACITY_VENDOR_DATA,
  CapacityVendorData,
} from '../vendors/acceleratorLabels';
import { NON_ACCELERATOR_RESOURCE_PATTERNS } from '../vendors/profiles';
import { VendorProfile } from '../vendors/VendorProfile';
import { UnitKind } from './types';

/** What one extended resource name stands for. @public */
export interface ResourceKind {
  /** The vendor profile id, or undefined for an unrecognised accelerator-like resource. */
  vendor?: string;
  kind: UnitKind;
  /** Partition profile: `1g.10gb` of `nvidia.com/mig-1g.10gb`, `cpx_nps4` of `amd.com/cpx_nps4`. */
  profile?: string;
}

/** Vendor data for capacity (shares, replicas labels), by vendor id. */
export function capacityData(vendor: string): CapacityVendorData | undefined {
  return CAPACITY_VENDOR_DATA.find(d => d.vendor === vendor);
}

function partitionProfile(resource: string): string {
  const name = resource.slice(resource.indexOf('/') + 1);
  return name.replace(/^mig-/, '');
}

/**
 * Classifies a resource name: a vendor's whole device, a share or a partition of one, an
 * unrecognised accelerator-like extended resource (`unknown`), or undefined when it is not an
 * accelerator at all (cpu, memory, hugepages, RDMA NICs, kubernetes.io/…).
 *
 * @public
 */
export function classifyResource(
  resource: string,
  profiles: readonly VendorProfile[],
): ResourceKind | undefined {
  for (const profile of profiles) {
    if (capacityData(profile.id)?.shareResources.includes(resource)) {
      return { vendor: profile.id, kind: 'share' };
    }
    if (profile.resources.includes(resource)) {
      return { vendor: profile.id, kind: 'device' };
    }
    if (profile.partitionResources.some(p => p.test(resource))) {
      return {
        vendor: profile.id,
        kind: 'partition',
        profile: partitionProfile(resource),
      };
    }
  }
  if (!resource.includes('/')) return undefined;
  if (NON_ACCELERATOR_RESOURCE_PATTERNS.some(p => p.test(resource))) {
    return undefined;
  }
  return { kind: 'unknown' };
}

/** Memoises classifyResource per name (a cluster has few distinct names and many pods). */
export function resourceClassifier(profiles: readonly VendorProfile[]) {
  const cache = new Map<string, ResourceKind | undefined>();
  return (resource: string): ResourceKind | undefined => {
    if (!cache.has(resource)) {
      cache.set(resource, classifyResource(resource, profiles));
    }
    return cache.get(resource);
  };
}
