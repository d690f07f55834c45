import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Scorecard } from '@internal/plugin-ai-conformance-common';
import { AiConformanceEngine } from '../engine/AiConformanceEngine';
import { aiConformanceEngineServiceRef } from '../engine/aiConformanceEngineServiceRef';

/**
 * A test backend feature replacing the engine (the project's own interface) with one that
 * scores each cluster identity with `evaluate`, so the backend's scheduling, storage, permissions
 * and notifications run for real without a cluster.
 *
 * @internal
 */
export function engineStub(evaluate: (cluster: string) => Scorecard) {
  const engine: AiConformanceEngine = {
    evaluateCluster: async ({ cluster }) => evaluate(cluster),
    renderJUnit: () => '',
    renderProductYaml: () => '',
    sweepProbeLeftovers: async () => [],
  };
  return createServiceFactory({
    service: aiConformanceEngineServiceRef,
    deps: {},
    factory: () => engine,
  });
}
