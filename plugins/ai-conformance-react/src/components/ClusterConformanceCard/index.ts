export { ClusterConformanceCard } from './ClusterConformanceCard';
export type { ClusterConformanceCardProps } from './ClusterConformanceCard';
export { EntityClusterConformanceCard } from './EntityClusterConformanceCard';
export type { EntityClusterConformanceCardProps } from './EntityClusterConformanceCard';
