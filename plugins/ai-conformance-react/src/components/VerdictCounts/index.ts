export { VerdictCounts } from './VerdictCounts';
export type { VerdictCountsProps } from './VerdictCounts';
