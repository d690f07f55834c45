import { reduceResourceClaim } from './reduce';
import { LARGE_LIST_PAGE_SIZE } from './factDefinitions';
import { KubeObject } from '../cluster/ClusterReader';
import { FactKey } from './factTypes';
import type { FactDefinition } from './factDefinitions';
import { listRead } from './factReads';
import { reduceLeaderWorkerSet, reduceService } from './reduceServing';

/* The facts model-server discovery reads besides the shared ones (nodes, pods, deployments,
   inferencePools, resourceSlices). A resource the cluster does not serve reads as `[]` without a
   request; a refused read becomes an error outcome, never an empty list. */

const identity = (o: KubeObject) => o;

function customObjects(
  key: FactKey,
  group: string,
  resource: string,
): FactDefinition<any> {
  return {
    key,
    reads: [listRead(group, resource)],
    gather: ctx => ctx.list(group, resource, identity),
  };
}

/** @internal */
export const SERVING_FACT_DEFINITIONS = {
  services: {
    key: 'services',
    reads: [listRead('', 'services')],
    gather: ctx => ctx.list('', 'services', reduceService),
  } as FactDefinition<'services'>,
  resourceClaims: {
    key: 'resourceClaims',
    reads: [listRead('resource.k8s.io', 'resourceclaims')],
    gather: ctx =>
      // one reducer for discovery and capacity: allocation, requests, pinned node
      ctx.list('resource.k8s.io', 'resourceclaims', reduceResourceClaim, {
        pageSize: LARGE_LIST_PAGE_SIZE,
      }),
  } as FactDefinition<'resourceClaims'>,
  kserveInferenceServices: customObjects(
    'kserveInferenceServices',
    'serving.kserve.io',
    'inferenceservices',
  ),
  // v1alpha1 and v1alpha2 have the same fields discovery reads; the preferred version is listed.
  kserveLlmInferenceServices: customObjects(
    'kserveLlmInferenceServices',
    'serving.kserve.io',
    'llminferenceservices',
  ),
  kserveServingRuntimes: customObjects(
    'kserveServingRuntimes',
    'serving.kserve.io',
    'servingruntimes',
  ),
  kserveClusterServingRuntimes: customObjects(
    'kserveClusterServingRuntimes',
    'serving.kserve.io',
    'clusterservingruntimes',
  ),
  rayServices: customObjects('rayServices', 'ray.io', 'rayservices'),
  nimServices: customObjects('nimServices', 'apps.nvidia.com', 'nimservices'),
  nimCaches: customObjects('nimCaches', 'apps.nvidia.com', 'nimcaches'),
  dynamoGraphDeployments: customObjects(
    'dynamoGraphDeployments',
    'nvidia.com',
    'dynamographdeployments',
  ),
  vllmRuntimes: customObjects(
    'vllmRuntimes',
    'production-stack.vllm.ai',
    'vllmruntimes',
  ),
  leaderWorkerSets: {
    key: 'leaderWorkerSets',
    reads: [listRead('leaderworkerset.x-k8s.io', 'leaderworkersets')],
    gather: ctx =>
      ctx.list(
        'leaderworkerset.x-k8s.io',
        'leaderworkersets',
        reduceLeaderWorkerSet,
      ),
  } as FactDefinition<'leaderWorkerSets'>,
};
