export { EntityAiConformanceContent } from './EntityAiConformanceContent';
export { EntityAiConformanceCard } from './EntityAiConformanceCard';
export { EntityAiCapacityContent } from './EntityAiCapacityContent';
