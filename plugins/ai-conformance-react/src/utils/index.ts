export { describeError, isNotFoundError } from './errors';
export { formatDateTime, formatRelativeTime } from './time';
export { getVerdictPresentation } from './verdicts';
export type { VerdictPresentation } from './verdicts';
