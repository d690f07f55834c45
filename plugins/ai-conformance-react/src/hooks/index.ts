export { useFleet } from './useFleet';
export { useScorecard } from './useScorecard';
export { useClusterHistory } from './useClusterHistory';
export { useRequirementAcrossFleet } from './useRequirementAcrossFleet';
export { useEntityCluster } from './useEntityCluster';
