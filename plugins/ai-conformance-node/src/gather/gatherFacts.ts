import { ClusterReader, KubeVersion } from '../cluster/ClusterReader';
import { KubeApiError } from '../errors';
import { EngineLogger } from '../types';
import { FACT_DEFINITIONS } from './factDefinitions';
import { ClusterFacts, FactKey, FactOutcome } from './factTypes';
import { createGatherContext } from './GatherContext';

/** @public */
export interface GatherFactsOptions {
  logger?: EngineLogger;
  /** How many facts are read in parallel. Default 6. */
  concurrency?: number;
  /** The `/version` already read by the caller (saves a request). */
  version?: KubeVersion;
}

/**
 * Reads the named facts from a cluster, each at most once. A fact that cannot be read (403,
 * timeout, size cap) is recorded as an error outcome and does not stop the others. `/version`
 * and discovery failures are thrown: the cluster as a whole cannot be read then.
 *
 * @public
 */
export async function gatherFacts(
  reader: ClusterReader,
  keys: Iterable<FactKey>,
  options: GatherFactsOptions = {},
): Promise<ClusterFacts> {
  const version = options.version ?? (await reader.getVersion());
  const discovery = await reader.getDiscovery();
  const ctx = createGatherContext(reader, discovery);
  const facts: ClusterFacts['facts'] = {};
  // The lists that grow with the cluster take longest: start them first, the small ones overlap.
  const queue = [...new Set(keys)].sort(
    (a, b) =>
      Number(!!FACT_DEFINITIONS[b].scalesWithCluster) -
      Number(!!FACT_DEFINITIONS[a].scalesWithCluster),
  );
  const worker = async () => {
    for (let key = queue.shift(); key; key = queue.shift()) {
      const definition = FACT_DEFINITIONS[key];
      let outcome: FactOutcome<unknown>;
      try {
        outcome = { ok: true, value: await definition.gather(ctx) };
      } catch (error) {
        if (!(error instanceof KubeApiError)) throw error;
        options.logger?.debug(`Could not read ${key}: ${error.message}`);
        outcome = { ok: false, error: error.message, kind: error.kind };
      }
      (facts as Record<string, FactOutcome<unknown>>)[key] = outcome;
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, options.concurrency ?? 6) }, worker),
  );
  return { version, discovery, facts };
}
