import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  evaluateCluster,
  evaluateClusterWithCapacity,
  KubeClusterReader,
  renderJUnit,
  renderProductYaml,
  sweepProbeLeftovers,
} from '@internal/plugin-ai-conformance-node';
import { AiConformanceEngine } from './AiConformanceEngine';

/**
 * The conformance engine the backend uses. Defaults to the `plugin-ai-conformance-node` package;
 * override the service to wrap or replace it.
 *
 * @public
 */
export const aiConformanceEngineServiceRef =
  createServiceRef<AiConformanceEngine>({
    id: 'ai-conformance.engine',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => ({
          evaluateCluster: async ({ onCapacity, ...options }) => {
            if (!onCapacity) return evaluateCluster(options);
            const { scorecard, capacity } = await evaluateClusterWithCapacity(
              options,
            );
            onCapacity(capacity);
            return scorecard;
          },
          sweepProbeLeftovers: async options => {
            const reader = new KubeClusterReader({
              kubeConfig: options.kubeConfig,
              requestTimeoutMs: options.requestTimeoutMs,
              logger: options.logger,
            });
            try {
              return await sweepProbeLeftovers(reader, options);
            } finally {
              await reader.close();
            }
          },
          renderJUnit: scorecards => renderJUnit(scorecards),
          renderProductYaml: (scorecard, template, metadata) =>
            renderProductYaml(scorecard, template, metadata),
        }),
      }),
  });
