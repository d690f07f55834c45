export type {
  RequirementDefinition,
  ChecklistDefinition,
  ChecklistRequirement,
} from './types';
export { REQUIREMENTS } from './requirements';
export { CHECKLISTS } from './checklists';
export {
  getChecklist,
  getRequirement,
  listChecklistVersions,
  checklistVersionForKubernetes,
} from './lookup';
