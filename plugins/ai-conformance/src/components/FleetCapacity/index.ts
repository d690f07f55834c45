export { FleetCapacityPage } from './FleetCapacityPage';
