export { ConformantClusterPicker } from './ConformantClusterPicker';
export type { ConformantClusterPickerOptions } from './eligibleClusters';
