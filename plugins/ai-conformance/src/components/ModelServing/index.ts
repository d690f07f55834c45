export { EntityModelServerContent } from './EntityModelServerContent';
export { ModelServingFleetView } from './ModelServingFleetView';
export {
  isModelServerEntity,
  modelServerEntityFilter,
} from './modelServerEntity';
