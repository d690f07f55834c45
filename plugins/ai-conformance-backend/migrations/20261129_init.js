// @ts-check

/**
 * The first schema of the AI conformance backend:
 * - `ai_conformance_runs`: every evaluation attempt, successful or not (history);
 * - `ai_conformance_clusters`: the latest known state of each cluster, including clusters the
 *   backend refused to contact, and a pointer to the last run that produced a scorecard;
 * - `ai_conformance_locks`: one row per cluster under evaluation, so that several backend
 *   replicas never evaluate the same cluster at the same time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_conformance_runs', table => {
    table.comment('Every evaluation of a cluster, including failed ones');
    table.string('id', 36).primary().notNullable().comment('Run id (UUID)');
    table.string('cluster', 255).notNullable().comment('Cluster name');
    table.string('entity_ref', 255).nullable().comment('Catalog entity ref');
    table
      .string('status', 32)
      .notNullable()
      .comment('ok, error, refused or pending');
    table.text('message').nullable().comment('What went wrong, what to fix');
    table.string('kubernetes_version', 64).nullable();
    table.string('checklist_version', 16).nullable();
    table
      .timestamp('evaluated_at', { useTz: true, precision: 3 })
      .notNullable()
      .comment('When the run finished');
    table.integer('duration_ms').nullable();
    table.integer('api_requests').nullable();
    table.text('summary').nullable().comment('EvaluationSummary as JSON');
    table
      .text('scorecard', 'longtext')
      .nullable()
      .comment('The full Scorecard as JSON; absent for failed runs');
    table
      .string('trigger', 255)
      .notNullable()
      .comment('schedule, or the user entity ref of a "run now"');
    table.index(['cluster', 'evaluated_at'], 'ai_conformance_runs_cluster_idx');
    table.index(['evaluated_at'], 'ai_conformance_runs_evaluated_at_idx');
  });

  await knex.schema.createTable('ai_conformance_clusters', table => {
    table.comment('The latest known state of each cluster');
    table.string('cluster', 255).primary().notNullable();
    table.string('entity_ref', 255).nullable();
    table.string('source', 16).notNullable().comment('catalog or config');
    table
      .string('owner', 255)
      .nullable()
      .comment('Owner entity ref, for the IS_CLUSTER_OWNER permission rule');
    table.string('status', 32).notNullable();
    table.text('message').nullable();
    table.string('last_run_id', 36).nullable();
    table
      .string('last_good_run_id', 36)
      .nullable()
      .comment('The latest run that produced a scorecard');
    table.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable();
  });

  await knex.schema.createTable('ai_conformance_locks', table => {
    table.comment('Clusters under evaluation, across backend replicas');
    table.string('cluster', 255).primary().notNullable();
    table.string('run_id', 36).notNullable();
    table.string('trigger', 255).notNullable();
    table.timestamp('expires_at', { useTz: true, precision: 3 }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_conformance_locks');
  await knex.schema.dropTable('ai_conformance_clusters');
  await knex.schema.dropTable('ai_conformance_runs');
};
