import { randomBytes } from 'node:crypto';
import { ClusterReader } from '../cluster/ClusterReader';
import { isKubeApiError } from '../errors';
import { EngineLogger } from '../types';

/** How long to wait before looking again for a namespace whose create got no answer. */
const LATE_COMMIT_WAIT_MS = 1_000;

/** The label that marks everything active probes create (namespaces and cluster-scoped objects). @public */
export const PROBE_NAMESPACE_LABEL = 'ai-conformance.backstage.io/probe';

/** Prefix of probe namespace names (and of the probes' cluster-scoped objects). @public */
export const PROBE_NAMESPACE_PREFIX = 'ai-conformance-probe-';

/** Labels and annotations every object created by a probe carries. @public */
export function probeObjectMetadata(): {
  labels: Record<string, string>;
  annotations: Record<string, string>;
} {
  return {
    labels: { [PROBE_NAMESPACE_LABEL]: 'true' },
    annotations: {
      'ai-conformance.backstage.io/purpose':
        'AI conformance active probe; safe to delete',
    },
  };
}

/**
 * What a probe run owns besides its namespace: cluster-scoped objects (a Kueue ClusterQueue and
 * ResourceFlavor) that the namespace delete does not remove. They are deleted, in reverse order
 * of registration, after the namespace.
 *
 * @public
 */
export interface ProbeScope {
  /** The run's namespace (`ai-conformance-probe-<random>`); also the name of its cluster-scoped objects. */
  namespace: string;
  /** Registers a cluster-scoped object path for deletion; call it before creating the object. */
  deleteAfterwards(path: string): void;
}

/**
 * Runs `fn` in a fresh namespace named `ai-conformance-probe-<random>` and labelled as ours. The
 * namespace and every object registered with `deleteAfterwards` are deleted afterwards, also when
 * `fn` throws, when the evaluation is aborted (deletes are sent with `cleanup`, outside the
 * evaluation's signal) and when the namespace create itself failed (a create that timed out may
 * still have been committed by the server; the delete then removes it, or the sweeper does).
 *
 * No process signal handlers are installed here: the CLI aborts the evaluation on SIGINT/SIGTERM,
 * the backend on its lifecycle's shutdown, and both wait for this cleanup. Leftovers of a hard
 * crash are removed by `sweepProbeLeftovers`.
 *
 * @public
 */
export async function withProbeNamespace<T>(
  reader: ClusterReader,
  fn: (namespace: string, scope: ProbeScope) => Promise<T>,
  logger?: EngineLogger,
): Promise<T> {
  const name = `${PROBE_NAMESPACE_PREFIX}${randomBytes(4).toString('hex')}`;
  const clusterScoped: string[] = [];
  const scope: ProbeScope = {
    namespace: name,
    deleteAfterwards: path => clusterScoped.push(path),
  };
  const remove = async (path: string) => {
    try {
      await reader.delete(path, {
        propagationPolicy: 'Background',
        cleanup: true,
      });
    } catch (error) {
      logger?.warn(
        `Could not delete probe object ${path}; the sweeper will remove it: ${
          (error as Error).message
        }`,
      );
    }
  };
  const namespacePath = `/api/v1/namespaces/${name}`;
  let createUncertain = false;
  try {
    try {
      await reader.create('/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, ...probeObjectMetadata() },
      });
    } catch (error) {
      // No answer (timeout, reset): the server may still commit the create after our delete.
      createUncertain = isKubeApiError(error) && error.status === 0;
      throw error;
    }
    logger?.info(`Created probe namespace ${name}`);
    return await fn(name, scope);
  } finally {
    await remove(namespacePath);
    if (createUncertain) await removeLateCommit(reader, namespacePath, remove);
    for (const path of clusterScoped.reverse()) await remove(path);
    logger?.info(`Deleted probe namespace ${name}`);
  }
}

/** After an unanswered create: looks once more a moment later, and deletes what arrived late. */
async function removeLateCommit(
  reader: ClusterReader,
  path: string,
  remove: (path: string) => Promise<void>,
) {
  await new Promise(resolve => setTimeout(resolve, LATE_COMMIT_WAIT_MS));
  const late = await reader
    .get<{ metadata?: { deletionTimestamp?: string } }>(path, { cleanup: true })
    .catch(() => undefined);
  if (late && !late.metadata?.deletionTimestamp) await remove(path);
}
