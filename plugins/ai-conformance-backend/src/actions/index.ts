export { createConformingClustersAction } from './createConformingClustersAction';
export { createExplainVerdictAction } from './createExplainVerdictAction';
