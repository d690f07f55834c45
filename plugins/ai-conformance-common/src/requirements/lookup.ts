import { CHECKLISTS } from './checklists';
import { REQUIREMENTS } from './requirements';
import { ChecklistDefinition, RequirementDefinition } from './types';

/**
 * The checklist of a version (`1.35`, also accepts `v1.35`), or undefined if unknown.
 *
 * @public
 */
export function getChecklist(version: string): ChecklistDefinition | undefined {
  const wanted = version.trim().replace(/^v/, '');
  return CHECKLISTS.find(c => c.version === wanted);
}

/**
 * The definition of a requirement id, or undefined if unknown.
 *
 * @public
 */
export function getRequirement(id: string): RequirementDefinition | undefined {
  return REQUIREMENTS.find(r => r.id === id);
}

/** The versions of all known checklists, oldest first. @public */
export function listChecklistVersions(): string[] {
  return CHECKLISTS.map(c => c.version);
}

function parseMinor(version: string): [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function compareVersions(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * The checklist version to evaluate a cluster against, from its `/version` gitVersion
 * (e.g. `v1.35.2-gke.1100`). The cluster's own minor version is used when a checklist exists for
 * it; a newer cluster gets the newest checklist and an older one the oldest, because those are
 * the closest requirements that exist. Returns undefined when the version cannot be parsed.
 *
 * @param gitVersion - the `gitVersion` field of `GET /version`
 * @param available - the versions to choose from (default: every known checklist)
 * @public
 */
export function checklistVersionForKubernetes(
  gitVersion: string,
  available: readonly string[] = listChecklistVersions(),
): string | undefined {
  const cluster = parseMinor(gitVersion);
  const candidates = available
    .map(v => ({ v, parsed: parseMinor(v) }))
    .filter((c): c is { v: string; parsed: [number, number] } => !!c.parsed)
    .sort((a, b) => compareVersions(a.parsed, b.parsed));
  if (!cluster || candidates.length === 0) {
    return undefined;
  }
  const notNewer = candidates.filter(
    c => compareVersions(c.parsed, cluster) <= 0,
  );
  return (notNewer.length ? notNewer[notNewer.length - 1] : candidates[0]).v;
}
