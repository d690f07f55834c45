export * from './VerdictChip';
export * from './ConformanceBadge';
export * from './VerdictCounts';
export * from './ClusterConformanceCard';
