export { FleetConformanceHomeCardContent } from './FleetConformanceHomeCard';
