export { FleetTrendsView } from './FleetTrendsView';
