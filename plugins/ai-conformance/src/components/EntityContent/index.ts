export { EntityAiConformanceContent } from './EntityAiConformanceContent';
export { EntityAiConformanceCard } from './EntityAiConformanceCard';
