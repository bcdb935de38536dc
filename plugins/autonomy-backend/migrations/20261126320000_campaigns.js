// @ts-check

/**
 * Campaigns: their definitions as read from the catalog by the full run (so every replica
 * evaluates with the same ones), their progress, the entities in their scope, and a daily
 * burn-up stored as change points.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('autonomy_campaigns', table => {
    table.comment('Every Campaign entity with its latest progress');
    table.string('campaign_ref', 255).primary().notNullable();
    table
      .text('definition')
      .notNullable()
      .comment('JSON CampaignDefinition, as read from the catalog');
    table
      .text('guardrails')
      .nullable()
      .comment(
        'JSON CampaignGuardrail[]: titles and how to fix, at the last run',
      );
    table.integer('done_count').nullable();
    table.integer('total_count').nullable();
    table
      .text('teams')
      .nullable()
      .comment('JSON CampaignTeamProgress[], most behind first');
  });
  await knex.schema.createTable('autonomy_campaign_entities', table => {
    table.comment('The entities in a campaign scope and whether each is done');
    table.string('campaign_ref', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.text('title').notNullable();
    table
      .string('team_ref', 255)
      .notNullable()
      .comment("The owning team, '' when none");
    table.boolean('done').notNullable();
    table
      .text('failing')
      .notNullable()
      .comment('JSON CampaignFailure[]: guardrail, state, message');
    table.primary(['campaign_ref', 'entity_ref']);
    table.index(['entity_ref'], 'autonomy_campaign_entities_entity_idx');
  });
  await knex.schema.createTable('autonomy_campaign_history', table => {
    table.comment(
      'Burn-up change points per campaign, overall (team_ref empty) and per team',
    );
    table.string('campaign_ref', 255).notNullable();
    table.string('team_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('ISO date');
    table.integer('done_count').notNullable();
    table.integer('total_count').notNullable();
    table.primary(['campaign_ref', 'team_ref', 'day']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('autonomy_campaign_history');
  await knex.schema.dropTable('autonomy_campaign_entities');
  await knex.schema.dropTable('autonomy_campaigns');
};
