import { ClusterReader, KubeVersion } from '../cluster/ClusterReader';
import { KubeApiError } from '../errors';
import { EngineLogger } from '../types';
import { FACT_DEFINITIONS } from './factDefinitions';
import { ClusterFacts, FactKey, FactOutcome } from './factTypes';
import { describeRead } from './factReads';
import {
  UndeclaredReadError,
  createGatherContext,
  scopedGatherContext,
} from './GatherContext';

/** @public */
export interface GatherFactsOptions {
  logger?: EngineLogger;
  /** How many facts are read in parallel. Default 6. */
  concurrency?: number;
  /** The `/version` already read by the caller (saves a request). */
  version?: KubeVersion;
}

/**
 * Reads the named facts from a cluster, each at most once. Discovery alone decides absence: a
 * fact whose API is not served is an empty value. Every failed read of a served API (401/403,
 * timeout, size cap, a body that cannot be decoded) is recorded as an error outcome naming the
 * permissions the fact needs, and does not stop the others; checks that depend on it answer
 * `error`. `/version` and discovery failures are thrown: the cluster as a whole cannot be read.
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
        outcome = {
          ok: true,
          value: await definition.gather(
            scopedGatherContext(ctx, key, definition.reads),
          ),
        };
      } catch (error) {
        if (error instanceof UndeclaredReadError) throw error;
        const message =
          error instanceof KubeApiError
            ? error.message
            : `The answer could not be decoded: ${
                (error as Error)?.message ?? String(error)
              }.`;
        options.logger?.debug(`Could not read ${key}: ${message}`);
        outcome = {
          ok: false,
          error: message,
          kind: error instanceof KubeApiError ? error.kind : 'badResponse',
          needs: definition.reads.map(describeRead),
        };
      }
      (facts as Record<string, FactOutcome<unknown>>)[key] = outcome;
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, options.concurrency ?? 6) }, worker),
  );
  return { version, discovery, facts };
}
