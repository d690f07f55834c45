export { RequirementView } from './RequirementView';
