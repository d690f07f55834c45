import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import type { ClusterTarget } from '@internal/plugin-ai-conformance-node';
import {
  AiConformanceClusterSource,
  DefaultAiConformanceClusterRegistry,
  readClusterBindings,
} from '@internal/plugin-ai-conformance-node/backstage';

/**
 * The real registry over a source whose targets a test can change (and a source list it can
 * extend), with bindings read from an
 * `aiConformance.clusters` config value.
 *
 * @internal
 */
export function testRegistry(options: {
  targets: ClusterTarget[];
  clusters?: JsonValue[];
}) {
  const targets = [...options.targets];
  // Mutable, so that a test can add a failing source.
  const sources: AiConformanceClusterSource[] = [
    { getClusters: async () => targets },
  ];
  const registry = new DefaultAiConformanceClusterRegistry({
    sources,
    bindings: readClusterBindings(
      new ConfigReader({
        aiConformance: { clusters: options.clusters ?? [] },
      }),
    ),
    logger: mockServices.logger.mock(),
    cacheMs: 0,
  });
  return { registry, targets, sources };
}
