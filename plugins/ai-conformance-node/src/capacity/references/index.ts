/* Independent references for the capacity figures (used by the integration test and the
   benchmark): `kubectl describe nodes` and kubectl-view-allocations. */
export { parseDescribeNodes, type NodeAllocations } from './describeNodes';
export { parseViewAllocationsCsv } from './viewAllocations';
export { compareAllocations, type AllocationDifference } from './compare';
export {
  runDescribeNodes,
  runViewAllocations,
  type ReferenceRun,
} from './runReferences';
