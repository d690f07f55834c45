/**
 * Scaffolder module for AI conformance: the `ai-conformance:cluster:assert` action, which stops a
 * template when its target cluster is not AI conformant.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAiConformance as default } from './module';
export {
  createClusterAssertAction,
  CLUSTER_ASSERT_ACTION_ID,
} from './actions/createClusterAssertAction';
