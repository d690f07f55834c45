import { NodeFact, PodFact } from '../gather/factTypes';
import { NON_ACCELERATOR_RESOURCE_PATTERNS } from '../vendors/profiles';
import { VendorProfile } from '../vendors/VendorProfile';
import { ServerAccelerators } from './ModelServer';
import { ServingContext } from './ServingContext';

/** The vendor whose profile names this extended resource (whole device or partition). */
function vendorOfResource(
  profiles: readonly VendorProfile[],
  resource: string,
): VendorProfile | undefined {
  return profiles.find(
    p =>
      p.resources.includes(resource) ||
      p.partitionResources.some(r => r.test(resource)),
  );
}

function isAcceleratorResource(resource: string): boolean {
  return !NON_ACCELERATOR_RESOURCE_PATTERNS.some(p => p.test(resource));
}

function nodeModel(vendor: VendorProfile, node: NodeFact | undefined) {
  if (!node) return undefined;
  for (const label of vendor.productLabels ?? []) {
    const value = node.labels[label];
    if (value) return value;
  }
  return undefined;
}

function deviceModel(
  vendor: VendorProfile,
  driver: string,
  attributes: Record<string, string | number | boolean> | undefined,
): string | undefined {
  if (!attributes) return undefined;
  for (const name of vendor.productAttributes ?? []) {
    const value = attributes[name] ?? attributes[`${driver}/${name}`];
    if (value !== undefined && value !== '') return String(value);
  }
  return undefined;
}

/** Adds counts into rows keyed by vendor, model, resource and source. */
class Tally {
  private readonly rows = new Map<string, ServerAccelerators>();

  add(row: ServerAccelerators): void {
    const key = `${row.vendor}|${row.model ?? ''}|${row.resource}|${
      row.source
    }`;
    const existing = this.rows.get(key);
    if (existing) existing.count += row.count;
    else this.rows.set(key, { ...row });
  }

  list(): ServerAccelerators[] {
    return [...this.rows.values()].filter(r => r.count > 0);
  }
}

/**
 * The accelerators the server's scheduled pods hold: extended-resource requests (model from the
 * node's labels) and devices allocated to their ResourceClaims (model from the device's
 * attributes; a claim shared by several pods counts once).
 *
 * @internal
 */
export function acceleratorsOfPods(
  ctx: ServingContext,
  pods: PodFact[],
): ServerAccelerators[] {
  const tally = new Tally();
  const seenDevices = new Set<string>();
  for (const pod of pods) {
    if (!pod.nodeName) continue; // not scheduled: holds nothing yet
    const node = ctx.node(pod.nodeName);
    for (const [resource, count] of Object.entries(
      pod.extendedResourceRequests ?? {},
    )) {
      const vendor = vendorOfResource(ctx.profiles, resource);
      if (!vendor && !isAcceleratorResource(resource)) continue;
      tally.add({
        vendor: vendor?.id ?? 'unknown',
        model: vendor ? nodeModel(vendor, node) : undefined,
        count,
        resource,
        source: 'pods',
      });
    }
    for (const claimName of pod.resourceClaimNames ?? []) {
      const claim = ctx.claim(pod.namespace, claimName);
      for (const d of claim?.allocated ?? []) {
        const vendor = ctx.profiles.find(p => p.draDrivers.includes(d.driver));
        if (!vendor) continue; // network and auxiliary drivers are not accelerators
        const key = `${d.driver}/${d.pool}/${d.device}`;
        if (seenDevices.has(key)) continue;
        seenDevices.add(key);
        tally.add({
          vendor: vendor.id,
          model: deviceModel(
            vendor,
            d.driver,
            ctx.deviceAttributes(d.driver, d.pool, d.device),
          ),
          count: 1,
          resource: d.driver,
          source: 'dra',
        });
      }
    }
  }
  return tally.list();
}

/**
 * What the server's spec asks for per replica, times the desired replicas: used when no pod
 * holds anything yet (scaled to zero, pending). `modelHint` is a model named in the spec (e.g.
 * the GKE accelerator annotation).
 *
 * @internal
 */
export function acceleratorsOfSpec(
  profiles: readonly VendorProfile[],
  perReplica: Record<string, number>,
  replicas: number,
  modelHint?: string,
): ServerAccelerators[] {
  const tally = new Tally();
  for (const [resource, count] of Object.entries(perReplica)) {
    const vendor = vendorOfResource(profiles, resource);
    if (!vendor && !isAcceleratorResource(resource)) continue;
    tally.add({
      vendor: vendor?.id ?? 'unknown',
      model: vendor ? modelHint : undefined,
      count: count * Math.max(replicas, 0),
      resource,
      source: 'spec',
    });
  }
  return tally.list();
}

/** Pods' accelerators, or the spec's when no pod holds any. @internal */
export function serverAccelerators(
  ctx: ServingContext,
  pods: PodFact[],
  spec: {
    perReplica: Record<string, number>;
    replicas: number;
    modelHint?: string;
  },
): ServerAccelerators[] {
  const inUse = acceleratorsOfPods(ctx, pods);
  if (inUse.length) return inUse;
  return acceleratorsOfSpec(
    ctx.profiles,
    spec.perReplica,
    spec.replicas,
    spec.modelHint,
  );
}
