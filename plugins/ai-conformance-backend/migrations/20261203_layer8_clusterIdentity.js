// @ts-check

/**
 * Clusters are keyed by identity instead of by name: the lower-cased catalog entity ref
 * (`resource:default/gpu-prod`), or `config:<name>` for a cluster that exists only in config.
 * Existing runs and cluster rows move to the new key; the name is kept as `name` for display.
 * Locks are transient and dropped.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_conformance_clusters', table => {
    table
      .string('name', 255)
      .nullable()
      .comment('Display name: entity name or config cluster name');
  });
  await knex('ai_conformance_clusters').update({ name: knex.ref('cluster') });

  const identity = knex.raw(
    "CASE WHEN entity_ref IS NOT NULL THEN LOWER(entity_ref) ELSE 'config:' || cluster END",
  );
  await knex('ai_conformance_runs').update({ cluster: identity });
  await knex('ai_conformance_clusters').update({ cluster: identity });
  await knex('ai_conformance_locks').delete();
};

/**
 * Back to name keys. Runs of two clusters that share a name (entities in different namespaces)
 * cannot be told apart afterwards.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  /** @param {string} id */
  const nameOf = id =>
    id.startsWith('config:')
      ? id.slice('config:'.length)
      : id.slice(id.indexOf('/') + 1);
  await knex('ai_conformance_locks').delete();
  const runClusters = await knex('ai_conformance_runs').distinct('cluster');
  for (const { cluster } of runClusters) {
    await knex('ai_conformance_runs')
      .where({ cluster })
      .update({ cluster: nameOf(cluster) });
  }
  const clusters = await knex('ai_conformance_clusters').select('cluster');
  for (const { cluster } of clusters) {
    await knex('ai_conformance_clusters')
      .where({ cluster })
      .update({ cluster: nameOf(cluster) });
  }
  await knex.schema.alterTable('ai_conformance_clusters', table => {
    table.dropColumn('name');
  });
};
