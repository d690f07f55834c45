// @ts-check

/**
 * Accelerator capacity snapshots (issue 10), taken with the conformance evaluations:
 * - `ai_conformance_capacity_snapshots`: one row per snapshot; the trend figures as columns and
 *   JSON (`trend`), the full snapshot as JSON (`snapshot`).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_conformance_capacity_snapshots', table => {
    table.comment('Accelerator capacity of a cluster at one moment');
    table
      .string('id', 36)
      .primary()
      .notNullable()
      .comment('Snapshot id (UUID)');
    table.string('cluster', 255).notNullable().comment('Cluster name');
    table
      .string('run_id', 36)
      .nullable()
      .comment('The evaluation run whose gather served the snapshot');
    table.timestamp('taken_at', { useTz: true, precision: 3 }).notNullable();
    table.integer('physical').notNullable().comment('Physical devices');
    table.integer('allocatable').notNullable().comment('Whole devices');
    table.integer('allocated').notNullable();
    table.integer('free').notNullable();
    table.text('trend').notNullable().comment('CapacityTrendPoint as JSON');
    table
      .text('fleet', 'longtext')
      .notNullable()
      .comment('FleetCapacityCluster figures as JSON (no per-node rows)');
    table
      .text('snapshot', 'longtext')
      .notNullable()
      .comment('The full CapacitySnapshot as JSON');
    table.index(['cluster', 'taken_at'], 'ai_conformance_capacity_cluster_idx');
    table.index(['taken_at'], 'ai_conformance_capacity_taken_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_conformance_capacity_snapshots');
};
