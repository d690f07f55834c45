export { ConformanceBadge } from './ConformanceBadge';
export type { ConformanceBadgeProps } from './ConformanceBadge';
export { describeReadiness } from './readiness';
export type { ReadinessDescription } from './readiness';
