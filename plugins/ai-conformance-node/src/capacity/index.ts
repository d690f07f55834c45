export {
  buildCapacitySnapshot,
  CAPACITY_FACTS,
  type CapacitySnapshotOptions,
} from './snapshot';
export { effectivePodRequests, type MalformedQuantity } from './podRequests';
export { parseQuantity } from './quantity';
export { classifyResource, type ResourceKind } from './resourceKinds';
export { readAcceleratorLabels, type LabelledAccelerators } from './nodeLabels';
export { currentSlices, draInventory, type DraInventory } from './dra';
export { pendingDemand } from './pending';
export { queueCapacity } from './queues';

export type * from './types';
export { evaluateClusterWithCapacity } from './evaluateWithCapacity';
