import { CapacityMatch, normalizeModelName } from './findCapacity';
import { CapacitySnapshot, ModelCapacity, WholeDevices } from './types';

/** The latest capacity snapshot of one cluster as the backend serves it. @public */
export type ClusterCapacity = CapacitySnapshot & { cluster: string };

/** One point of a cluster's capacity trend. @public */
export interface CapacityTrendPoint {
  takenAt: string;
  physical: number;
  devices: WholeDevices;
  /** Units requested by unschedulable pods, all accelerator resources together. */
  pending: number;
  models: Array<
    Pick<ModelCapacity, 'vendor' | 'model' | 'physical' | 'devices'>
  >;
}

/** A cluster's capacity over time, oldest first. @public */
export interface CapacityHistory {
  points: CapacityTrendPoint[];
}

/** One cluster's latest figures in the fleet view (no per-node rows). @public */
export interface FleetCapacityCluster {
  cluster: string;
  entityRef?: string;
  takenAt: string;
  provider?: string;
  totals: CapacitySnapshot['totals'];
  models: ModelCapacity[];
  pendingPods: number;
  unknown: number;
}

/** @public */
export interface FleetCapacity {
  clusters: FleetCapacityCluster[];
}

/** @public */
export interface CapacitySearchResult {
  matches: CapacityMatch[];
}

/** A trend point from a snapshot. @public */
export function trendPoint(snapshot: CapacitySnapshot): CapacityTrendPoint {
  return {
    takenAt: snapshot.takenAt,
    physical: snapshot.totals.physical,
    devices: snapshot.totals.devices,
    pending: Object.values(snapshot.pending.byResource).reduce(
      (a, b) => a + b,
      0,
    ),
    models: snapshot.models.map(m => ({
      vendor: m.vendor,
      model: m.model,
      physical: m.physical,
      devices: m.devices,
    })),
  };
}

/** Fleet totals of one model or one provider. @public */
export interface FleetCapacityTotal {
  key: string;
  /** The model or provider name as first seen. */
  label: string;
  vendor?: string;
  clusters: number;
  nodes: number;
  physical: number;
  devices: WholeDevices;
}

function addTo(
  map: Map<string, FleetCapacityTotal>,
  key: string,
  label: string,
  m: ModelCapacity,
  vendor?: string,
) {
  const t = map.get(key) ?? {
    key,
    label,
    vendor,
    clusters: 0,
    nodes: 0,
    physical: 0,
    devices: { allocatable: 0, allocated: 0, free: 0 },
  };
  t.nodes += m.nodes;
  t.physical += m.physical;
  t.devices = {
    allocatable: t.devices.allocatable + m.devices.allocatable,
    allocated: t.devices.allocated + m.devices.allocated,
    free: t.devices.free + m.devices.free,
  };
  map.set(key, t);
  return t;
}

/**
 * Totals across clusters by accelerator model and by provider (clusters without a recognised
 * provider are `unknown`). Model names are grouped spelling-insensitively.
 *
 * @public
 */
export function fleetCapacityTotals(clusters: FleetCapacityCluster[]): {
  byModel: FleetCapacityTotal[];
  byProvider: FleetCapacityTotal[];
} {
  const byModel = new Map<string, FleetCapacityTotal>();
  const byProvider = new Map<string, FleetCapacityTotal>();
  for (const c of clusters) {
    const seenModels = new Set<string>();
    const provider = c.provider ?? 'unknown';
    let providerSeen = false;
    for (const m of c.models) {
      if (m.vendor === 'unknown') continue;
      const key = normalizeModelName(m.model);
      const t = addTo(byModel, key, m.model, m, m.vendor);
      if (!seenModels.has(key)) {
        seenModels.add(key);
        t.clusters += 1;
      }
      const p = addTo(byProvider, provider, provider, m);
      if (!providerSeen) {
        providerSeen = true;
        p.clusters += 1;
      }
    }
  }
  const sorted = (m: Map<string, FleetCapacityTotal>) =>
    [...m.values()].sort(
      (a, b) => b.physical - a.physical || a.key.localeCompare(b.key),
    );
  return { byModel: sorted(byModel), byProvider: sorted(byProvider) };
}
