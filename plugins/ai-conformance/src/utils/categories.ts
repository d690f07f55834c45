import type { RequirementCategory } from '@internal/plugin-ai-conformance-common';

/** The checklist categories in the order of the official templates, with readable titles. */
export const CATEGORIES: Array<{ key: RequirementCategory; title: string }> = [
  { key: 'accelerators', title: 'Accelerators' },
  { key: 'networking', title: 'Networking' },
  { key: 'schedulingOrchestration', title: 'Scheduling and orchestration' },
  { key: 'observability', title: 'Observability' },
  { key: 'security', title: 'Security' },
  { key: 'operator', title: 'Operator' },
];

export function categoryTitle(key: string): string {
  return CATEGORIES.find(c => c.key === key)?.title ?? key;
}
