import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  evaluateCluster,
  evaluateClusterWithCapacity,
  renderJUnit,
  renderProductYaml,
} from '@internal/plugin-ai-conformance-node';
import { AiConformanceEngine } from './AiConformanceEngine';

/**
 * The conformance engine the backend uses. Defaults to `@internal/plugin-ai-conformance-node`;
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
            const { scorecard, capacity } =
              await evaluateClusterWithCapacity(options);
            onCapacity(capacity);
            return scorecard;
          },
          renderJUnit: scorecards => renderJUnit(scorecards),
          renderProductYaml: (scorecard, template, metadata) =>
            renderProductYaml(scorecard, template, metadata),
        }),
      }),
  });
