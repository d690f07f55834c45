import {
  CHECKLISTS,
  getRequirement,
  type RequirementLevel,
} from '@internal/plugin-ai-conformance-common';

/** The title of a requirement id, or the id itself when the catalogue does not know it. */
export function requirementTitle(id: string): string {
  return getRequirement(id)?.title ?? id;
}

/** The level of a requirement in every checklist version that lists it, oldest first. */
export function levelsByChecklist(
  id: string,
): Array<{ version: string; level: RequirementLevel; conditional?: boolean }> {
  return CHECKLISTS.flatMap(checklist => {
    const entry = checklist.requirements.find(r => r.id === id);
    return entry
      ? [
          {
            version: checklist.version,
            level: entry.level,
            conditional: entry.conditional,
          },
        ]
      : [];
  });
}

/** Where the Kubernetes AI conformance Requirement (KAR) documents live. */
export const KAR_INDEX_URL =
  'https://github.com/kubernetes-sigs/ai-conformance/tree/main/kars';
