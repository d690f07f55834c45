export { EntityDeploymentReadinessCard } from './EntityDeploymentReadinessCard';
