import { ClusterReader, KubeObject } from '../cluster/ClusterReader';
import { collectionPath, findResource } from '../cluster/discovery';
import { EngineLogger } from '../types';
import {
  PROBE_NAMESPACE_LABEL,
  PROBE_NAMESPACE_PREFIX,
} from './probeNamespace';

/** @public */
export interface SweepProbeLeftoversOptions {
  /** Only objects older than this are deleted (a probe of another process may be running). Default 30. */
  olderThanMinutes?: number;
  now?: Date;
  logger?: EngineLogger;
}

/**
 * What active probes may leave behind after a hard crash, in deletion order: namespaces first
 * (their Jobs release the queue), then the Kueue ClusterQueues, then the ResourceFlavors.
 */
const LEFTOVER_KINDS = [
  { group: '', resource: 'namespaces' },
  { group: 'kueue.x-k8s.io', resource: 'clusterqueues' },
  { group: 'kueue.x-k8s.io', resource: 'resourceflavors' },
];

/**
 * Deletes what crashed probe runs left behind: namespaces, ClusterQueues and ResourceFlavors
 * that carry the probe label and name prefix and are older than `olderThanMinutes`. Objects
 * without both marks are never touched. Returns the paths deleted.
 *
 * @public
 */
export async function sweepProbeLeftovers(
  reader: ClusterReader,
  options: SweepProbeLeftoversOptions = {},
): Promise<string[]> {
  const cutoff =
    (options.now ?? new Date()).getTime() -
    (options.olderThanMinutes ?? 30) * 60_000;
  const discovery = await reader.getDiscovery();
  const deleted: string[] = [];
  for (const kind of LEFTOVER_KINDS) {
    const served = findResource(discovery, kind.group, kind.resource);
    if (!served) continue;
    const collection = collectionPath(served);
    const stale: KubeObject[] = [];
    for await (const page of reader.listPages(collection, {
      metadataOnly: true,
      labelSelector: `${PROBE_NAMESPACE_LABEL}=true`,
    })) {
      for (const object of page) {
        const created = Date.parse(object.metadata?.creationTimestamp ?? '');
        if (
          Number.isFinite(created) &&
          created <= cutoff &&
          object.metadata?.name?.startsWith(PROBE_NAMESPACE_PREFIX)
        ) {
          stale.push(object);
        }
      }
    }
    for (const object of stale) {
      const path = `${collection}/${object.metadata!.name}`;
      await reader.delete(path, { cleanup: true });
      deleted.push(path);
      options.logger?.info(`Swept leftover probe object ${path}`);
    }
  }
  return deleted;
}
