import {
  ClusterReader,
  gatherFacts,
} from '@internal/plugin-ai-conformance-node';
import { ModelServingClusterAccess } from './ModelServerEntityProvider';

/**
 * The parts of the shared cluster registry the provider uses.
 *
 * @public
 */
export interface ClusterRegistryLike<Connection> {
  /** Every cluster, refused ones with `refusal`. */
  listClusters(): Promise<
    Array<{
      id: string;
      name: string;
      entityRef?: string;
      owner?: string;
      refusal?: string;
    }>
  >;
  /** A connection with fresh credentials to one cluster, by identity. */
  connect(id: string): Promise<Connection>;
}

/**
 * The parts of the shared reader factory the provider uses.
 *
 * @public
 */
export interface ClusterReaderFactoryLike<Connection> {
  /** The suite's reader (request budgets, redaction) over a connection. */
  createReader(
    connection: Connection,
    options?: { signal?: AbortSignal },
  ): ClusterReader;
}

/**
 * Cluster access through the shared cluster layer: the registry's clusters (catalog and config),
 * its credentials, and the suite's reader with its request budgets. One gather per refresh.
 *
 * @public
 */
export function clusterRegistryAccess<Connection>(
  registry: ClusterRegistryLike<Connection>,
  readers: ClusterReaderFactoryLike<Connection>,
): ModelServingClusterAccess {
  return {
    async listClusters() {
      return (await registry.listClusters()).map(c => ({
        id: c.id,
        name: c.name,
        entityRef: c.entityRef,
        owner: c.owner,
        refusal: c.refusal,
      }));
    },
    async gatherFacts(cluster, keys) {
      const reader = readers.createReader(await registry.connect(cluster.id));
      try {
        return await gatherFacts(reader, keys);
      } finally {
        await reader.close();
      }
    },
  };
}
