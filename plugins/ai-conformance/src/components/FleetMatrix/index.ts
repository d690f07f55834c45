export { FleetMatrixView } from './FleetMatrixView';
