import { PodContainerFact, PodFact } from '../gather/factTypes';
import { VendorProfile } from '../vendors/VendorProfile';
import { imageName, matchImage } from './imagePatterns';
import { InfrastructureAgent } from './InfrastructureAgent';

/** The known platform components: vendor profiles' component images and infrastructure agents. @public */
export interface PlatformCatalog {
  vendors: readonly VendorProfile[];
  agents: readonly InfrastructureAgent[];
}

/**
 * Who runs a pod, decided from evidence:
 * - `platform`: a static (mirror) pod, or a controller-owned pod whose suspect containers all
 *   run a known component image;
 * - `uncertain`: only a weak hint (a known component's name in labels or owner, or a known image
 *   beside an unknown one), so the engine cannot tell;
 * - `workload`: everything else, including bare pods and ephemeral (debug) containers.
 * The namespace is never evidence.
 *
 * @public
 */
export type PodRole =
  | { role: 'platform'; by: string }
  | { role: 'uncertain'; why: string }
  | { role: 'workload' };

/** The workload that owns a pod: Deployment through its ReplicaSet (`<name>-<pod-template-hash>`), else the owner itself. @public */
export function owningWorkload(
  pod: PodFact,
): { kind: string; name: string } | undefined {
  const owner = pod.owner;
  if (!owner) return undefined;
  const hash = pod.labels['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return {
      kind: 'Deployment',
      name: owner.name.slice(0, -(hash.length + 1)),
    };
  }
  return { kind: owner.kind, name: owner.name };
}

function componentOf(
  image: string,
  catalog: PlatformCatalog,
): string | undefined {
  for (const v of catalog.vendors) {
    const hit = matchImage(image, v.componentImages ?? []);
    if (hit) return `${v.displayName} component (${hit})`;
  }
  for (const a of catalog.agents) {
    const hit = matchImage(image, a.images);
    if (hit) return `${a.name} (${a.category} agent, ${hit})`;
  }
  return undefined;
}

function componentNames(catalog: PlatformCatalog): string[] {
  return (
    [
      ...catalog.vendors.flatMap(v => [
        ...(v.componentImages ?? []),
        ...v.devicePlugins,
        ...v.metricsExporters,
      ]),
      ...catalog.agents.flatMap(a => a.images),
    ]
      .map(imageName)
      // short derived names (`driver`, `agent`) would flag too much; explicit names are kept
      .filter(n => n.length >= 8 && !n.includes('*'))
      .concat(catalog.agents.flatMap(a => a.names ?? []))
  );
}

/** Labels that name the application a pod belongs to. */
const NAME_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/component',
  'app.kubernetes.io/part-of',
  'app',
  'k8s-app',
  'name',
];

/**
 * Classifies a pod given the containers that make it suspect (privileged, device env); for
 * pod-level suspicion (hostPath devices) pass every non-ephemeral container.
 *
 * @public
 */
export function classifyPod(
  pod: PodFact,
  suspects: readonly PodContainerFact[],
  catalog: PlatformCatalog,
): PodRole {
  const owner = pod.owner;
  if (owner?.kind === 'Node') {
    return {
      role: 'platform',
      by: `static pod of node ${owner.name} (only node administrators can create it)`,
    };
  }
  // A debug container is added by a user to a running pod: never platform.
  const ephemeral = suspects.find(c => c.type === 'ephemeral');
  if (ephemeral) return { role: 'workload' };
  const matches = suspects.map(c => componentOf(c.image, catalog));
  const workload = owningWorkload(pod);
  if (owner && suspects.length && matches.every(Boolean)) {
    return {
      role: 'platform',
      by: `${[...new Set(matches)].join(', ')}, owned by ${workload!.kind} ${
        workload!.name
      }`,
    };
  }
  const hints: string[] = [];
  if (matches.some(Boolean))
    hints.push('some of its containers run known component images');
  const names = componentNames(catalog);
  const named = [...NAME_LABELS.map(l => pod.labels[l]), workload?.name].filter(
    (v): v is string => !!v,
  );
  const hit = names.find(n => named.some(v => v.toLowerCase().includes(n)));
  if (hit) hints.push(`its labels or owner name a known component (${hit})`);
  if (hints.length) {
    return {
      role: 'uncertain',
      why: `${hints.join(' and ')}, but ${
        owner
          ? 'not every suspect container runs a known image'
          : 'no controller owns it'
      }`,
    };
  }
  return { role: 'workload' };
}
