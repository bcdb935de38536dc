import knexFactory, { type Knex } from 'knex';

/**
 * PostgreSQL: runs `use` with a connection pool that acts as a fresh role, which may use and
 * create in the public schema and nothing more than `grant` gives it (as a managed PostgreSQL may
 * give a plugin), then drops the role and what it owns.
 */
export async function asLimitedRole(
  knex: Knex,
  grant: (role: string) => Promise<unknown>,
  use: (limited: Knex) => Promise<void>,
) {
  const role = `autonomy_limited_${process.pid}`;
  await knex.raw(`CREATE ROLE ${role} NOLOGIN`);
  await knex.raw(`GRANT USAGE, CREATE ON SCHEMA public TO ${role}`);
  await grant(role);
  const limited: Knex = knexFactory({
    client: 'pg',
    connection: knex.client.config.connection,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (connection: any, done: (e?: Error) => void) =>
        connection.query(`SET ROLE ${role}`, done),
    },
  });
  try {
    await use(limited);
  } finally {
    await limited.destroy();
    await knex.raw(`REASSIGN OWNED BY ${role} TO CURRENT_USER`);
    await knex.raw(`DROP OWNED BY ${role}`);
    await knex.raw(`DROP ROLE ${role}`);
  }
}
