// @ts-check

/**
 * portal12: the provider of the cluster (aws, gcp, azure, openshift, other) as detected by each
 * run, next to the run's summary, so that trends per provider are aggregated in SQL without
 * parsing every stored scorecard; and the provider annotation and lifecycle of catalog clusters,
 * for the fleet's grouping and filters.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_conformance_runs', table => {
    table
      .string('provider', 16)
      .nullable()
      .comment(
        'Provider detected by the run: aws, gcp, azure, openshift, other',
      );
  });
  await knex.schema.alterTable('ai_conformance_clusters', table => {
    table
      .string('provider_annotation', 255)
      .nullable()
      .comment(
        'Value of the ai-conformance.io/provider annotation, as written',
      );
    table
      .string('lifecycle', 64)
      .nullable()
      .comment('spec.lifecycle of the catalog entity');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ai_conformance_clusters', table => {
    table.dropColumn('lifecycle');
    table.dropColumn('provider_annotation');
  });
  await knex.schema.alterTable('ai_conformance_runs', table => {
    table.dropColumn('provider');
  });
};
