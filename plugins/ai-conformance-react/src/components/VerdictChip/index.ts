export { VerdictChip } from './VerdictChip';
export type { VerdictChipProps } from './VerdictChip';
