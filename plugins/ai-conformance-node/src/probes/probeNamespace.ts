import { randomBytes } from 'node:crypto';
import { ClusterReader, KubeObject } from '../cluster/ClusterReader';
import { EngineLogger } from '../types';

/** The label that marks namespaces created by active probes. @public */
export const PROBE_NAMESPACE_LABEL = 'ai-conformance.backstage.io/probe';

/** Prefix of probe namespace names. @public */
export const PROBE_NAMESPACE_PREFIX = 'ai-conformance-probe-';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Runs `fn` in a fresh namespace named `ai-conformance-probe-<random>` and labelled as ours. The
 * namespace is deleted afterwards, also when `fn` throws, and also when the process receives
 * SIGINT/SIGTERM meanwhile (the signal is re-raised once the delete was sent). Leftovers of a
 * hard crash are removed by `sweepProbeNamespaces`.
 *
 * @public
 */
export async function withProbeNamespace<T>(
  reader: ClusterReader,
  fn: (namespace: string) => Promise<T>,
  logger?: EngineLogger,
): Promise<T> {
  const name = `${PROBE_NAMESPACE_PREFIX}${randomBytes(4).toString('hex')}`;
  await reader.create('/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { [PROBE_NAMESPACE_LABEL]: 'true' },
      annotations: { 'ai-conformance.backstage.io/purpose': 'AI conformance active probe; safe to delete' },
    },
  });
  logger?.info(`Created probe namespace ${name}`);
  let deleted: Promise<void> | undefined;
  const remove = () => {
    deleted ??= reader
      .delete(`/api/v1/namespaces/${name}`, { propagationPolicy: 'Background', cleanup: true })
      .catch(error => logger?.warn(`Could not delete probe namespace ${name}: ${(error as Error).message}`));
    return deleted;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    SIGNALS.forEach(s => process.off(s, onSignal));
    void remove().finally(() => process.kill(process.pid, signal));
  };
  SIGNALS.forEach(s => process.once(s, onSignal));
  try {
    return await fn(name);
  } finally {
    SIGNALS.forEach(s => process.off(s, onSignal));
    await remove();
    logger?.info(`Deleted probe namespace ${name}`);
  }
}

/**
 * Deletes probe namespaces (our label) older than `olderThanMinutes` (default 30) left behind by
 * crashed runs. Returns the names deleted.
 *
 * @public
 */
export async function sweepProbeNamespaces(
  reader: ClusterReader,
  options: { olderThanMinutes?: number; now?: Date; logger?: EngineLogger } = {},
): Promise<string[]> {
  const cutoff =
    (options.now ?? new Date()).getTime() - (options.olderThanMinutes ?? 30) * 60_000;
  const stale: KubeObject[] = [];
  for await (const page of reader.listPages('/api/v1/namespaces', {
    metadataOnly: true,
    labelSelector: `${PROBE_NAMESPACE_LABEL}=true`,
  })) {
    for (const ns of page) {
      const created = Date.parse(ns.metadata?.creationTimestamp ?? '');
      if (Number.isFinite(created) && created < cutoff && ns.metadata?.name?.startsWith(PROBE_NAMESPACE_PREFIX)) {
        stale.push(ns);
      }
    }
  }
  for (const ns of stale) {
    await reader.delete(`/api/v1/namespaces/${ns.metadata!.name}`);
    options.logger?.info(`Swept leftover probe namespace ${ns.metadata!.name}`);
  }
  return stale.map(ns => ns.metadata!.name!);
}
