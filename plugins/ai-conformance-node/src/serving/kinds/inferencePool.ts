import { KubeObject } from '../../cluster/ClusterReader';
import { InferencePoolFact } from '../../gather/factTypes';
import { serviceEndpoint } from '../endpoints';
import { ModelServer } from '../ModelServer';
import { ServingContext, selectBehind } from '../ServingContext';
import { baseServer } from './common';
import { fromWorkloads } from './workloads';

/**
 * A Gateway API Inference Extension `InferencePool` (`inference.networking.k8s.io/v1` or
 * `inference.networking.x-k8s.io/v1alpha2`) and the model servers its selector picks: models,
 * runtime and roles come from those workloads. Readiness needs ready model-server pods; a pool
 * no Gateway has accepted is reported in the reason (some controllers never write pool status).
 *
 * @internal
 */
export function inferencePoolServer(
  pool: InferencePoolFact,
  ctx: ServingContext,
): ModelServer {
  const header: KubeObject = {
    apiVersion: pool.apiVersion,
    kind: 'InferencePool',
    metadata: {
      name: pool.name,
      namespace: pool.namespace,
      labels: pool.labels,
      annotations: pool.annotations,
    },
  };
  const base = baseServer(header, 'inference-pool');
  const selector = pool.selector ?? {};
  if (!Object.keys(selector).length)
    base.warnings.push(
      'spec.selector is empty: no model servers behind the pool',
    );
  const behind = selectBehind(ctx, pool.namespace, selector);
  const parts = fromWorkloads(ctx, behind.workloads, behind.pods);
  if (!parts.models.length)
    base.warnings.push(
      'the model servers behind the pool name no model (labels or --model)',
    );
  if (!pool.hasEndpointPicker)
    base.warnings.push(
      'no endpoint picker reference (endpointPickerRef / extensionRef)',
    );
  const readinessReason = [
    parts.readinessReason,
    pool.accepted
      ? 'accepted by a Gateway'
      : 'no Gateway has accepted the pool yet',
  ].join('; ');
  const endpoint = serviceEndpoint(
    ctx,
    pool.namespace,
    behind.pods[0]?.labels ?? behind.workloads[0]?.template?.labels,
  );
  if (!endpoint)
    base.warnings.push(
      'no URL: clients reach the pool through a Gateway route; no Service selects its pods',
    );
  return {
    ...base,
    ...parts,
    readinessReason,
    endpoint,
    podSelector: selector,
  };
}
