export { readinessOf, READINESS_LABELS } from './readiness';
export type { Readiness, ReadinessCounts } from './readiness';
