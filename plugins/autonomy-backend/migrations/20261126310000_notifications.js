// @ts-check

/**
 * The notifications ledger: every notification the plugin decided to send, under a key that
 * names it uniquely (for example the entity, the level it dropped to and the day). Deciding is
 * insert-or-skip on that key, so scheduled runs and replicas that find the same thing record it
 * once; a row stays pending until a replica has claimed it and the notifications backend took it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('autonomy_notifications', table => {
    table.comment(
      'Notifications decided on, pending until sent; sent ones stay as the ledger',
    );
    table
      .string('key', 512)
      .primary()
      .notNullable()
      .comment('Names the notification: one row, one notification, ever');
    table.string('topic', 63).notNullable();
    table.text('recipients').notNullable().comment('JSON entity refs');
    table.text('payload').notNullable().comment('JSON notification payload');
    table.string('created_at', 32).notNullable();
    table
      .string('claimed_at', 32)
      .nullable()
      .comment('When a replica took it to send; taken again when stale');
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('sent_at', 32).nullable();
    table.index(['sent_at'], 'autonomy_notifications_pending_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('autonomy_notifications');
};
