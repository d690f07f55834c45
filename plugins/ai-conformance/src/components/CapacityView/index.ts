export { ClusterCapacityContent } from './ClusterCapacityContent';
export { ClusterCapacityView } from './ClusterCapacityView';
