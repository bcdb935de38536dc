import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createHash } from 'crypto';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  hostileBodies,
  hostileQueryValues,
  hostileStrings,
  type BodyCase,
} from './__testUtils__/hostileValues';
import {
  resolve,
  specOperations,
  type Operation,
} from './__testUtils__/specOperations';
import { startAutonomyBackend } from './__testUtils__/startAutonomyBackend';
import { entity } from './testUtils/catalogFixtures';

/*
 * The project's own probe, driven by the OpenAPI spec: every route and parameter gets wrong types,
 * huge and non-finite numbers, control characters and unicode, and every body oversized, deeply
 * nested, polluting or not JSON at all. No answer may be a 5xx or carry SQL or a stack trace; every
 * 400 names what is wrong; a refused write changes nothing stored. New routes are probed as soon as
 * the spec has them.
 */

const user = mockCredentials.user.header('user:default/maya');
const service = {
  type: 'service',
  owner: 'checkout',
  lifecycle: 'production',
};
const entities = [
  entity('Group', 'checkout', { type: 'team' }),
  { ...entity('Component', 'checkout-api', service), spec: service },
];
const guardrails = {
  levels: ['bronze', 'silver'],
  facts: [
    {
      id: 'chaos',
      maxAgeDays: 30,
      fields: { lastRunAt: 'datetime', passRate: 'number' },
    },
  ],
  definitions: [
    {
      id: 'chaos-tested',
      title: 'Chaos tested',
      rationale: { why: 'Failover is known only when tested' },
      appliesTo: { kind: 'component' },
      rule: { fact: 'chaos.passRate', greaterThanOrEqual: 0.95 },
      level: 'bronze',
    },
  ],
};

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

/** A valid body per write, which the suite then spoils one part at a time. */
const baselines: Record<string, Record<string, unknown>> = {
  pushFacts: {
    entityRef: 'component:default/checkout-api',
    source: 'chaos',
    values: { passRate: 0.99 },
  },
  createExemption: {
    entityRef: 'component:default/checkout-api',
    guardrailId: 'chaos-tested',
    reason: 'Chaos platform is being replaced',
    expiresAt: inDays(10),
  },
  revokeExemption: { reason: 'No longer needed' },
  previewGuardrail: { definition: guardrails.definitions[0] },
};

/** Required query values that make a valid request where the spec's first choice would not. */
const queryBaselines: Record<string, Record<string, string>> = {
  getHistory: { scope: 'org' },
};

/** A valid value per path parameter, so each hostile one is the only thing wrong. */
function pathValue(op: Operation, name: string): string {
  if (name === 'id') {
    return op.path.startsWith('/exemptions')
      ? '0b7d3a52-3c1e-4a43-9a55-2f1f0a3f7d10'
      : 'chaos-tested';
  }
  if (name === 'kind') return 'component';
  if (name === 'namespace') return 'default';
  return op.path.startsWith('/teams') ? 'checkout' : 'checkout-api';
}

/** A lone surrogate has no UTF-8 form: send the bytes a broken client would. */
function encoded(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

/** Valid values for the required query parameters, so a hostile other one is all that is wrong. */
function requiredQuery(op: Operation, except: string) {
  const values = Object.fromEntries(
    op.parameters
      .filter(p => p.in === 'query' && p.required)
      .map(p => [p.name, resolve(p.schema).enum?.[0] ?? 'x']),
  );
  Object.assign(values, queryBaselines[op.id]);
  delete values[except];
  return values;
}

function url(op: Operation, hostile?: { name: string; value: string }) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name) =>
    encoded(
      hostile && hostile.name === name ? hostile.value : pathValue(op, name),
    ),
  );
  return `/api/autonomy${path}`;
}

/** Everything stored, as one digest: a refused write must leave it as it was. */
async function storedState(knex: Knex): Promise<string> {
  const tables: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex('pg_tables')
            .where('schemaname', knex.raw('current_schema()'))
            .pluck('tablename')
        ).sort()
      : (
          await knex('sqlite_master').where('type', 'table').pluck('name')
        ).sort();
  const hash = createHash('sha256');
  for (const table of tables.filter(t => !t.startsWith('knex_'))) {
    const rows = (await knex(table).select()).map(r => JSON.stringify(r));
    hash.update(`${table}:${rows.sort().join('\n')}`);
  }
  return hash.digest('hex');
}

const SQL =
  /\b(select|insert into|update|delete from)\b.*\b(from|values|set|where)\b|sqlite|knex|SQLSTATE|syntax error/i;
const STACK = /\n\s+at .+:\d+:\d+|\/(src|dist|node_modules)\/[\w./-]+\.(ts|js)/;

interface Answer {
  status: number;
  text: string;
}

/** What is wrong with an answer to a hostile request, if anything. */
function problemsWith(answer: Answer, names: string[]): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`answered ${answer.status}`);
  if (SQL.test(answer.text)) problems.push('carries SQL text');
  if (STACK.test(answer.text)) problems.push('carries a stack trace or path');
  if (answer.status === 400) {
    let message = '';
    try {
      message = JSON.parse(answer.text).error?.message ?? '';
    } catch {
      problems.push('400 without a JSON error');
    }
    if (!message.trim()) problems.push('400 without a message');
    else if (names.length && !names.some(n => message.includes(n))) {
      problems.push(`400 "${message}" does not name ${names.join(' or ')}`);
    }
  }
  if (({} as any).polluted !== undefined) {
    problems.push('polluted Object.prototype');
    delete (Object.prototype as any).polluted;
  }
  return problems;
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('hostile input on %p', id => {
  let server: Server;
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init(id);
    server = await startAutonomyBackend({
      entities,
      config: { autonomy: { guardrails } },
      features: [mockServices.database.factory({ knex })],
    });
    await request(server)
      .post('/api/autonomy/refresh')
      .set('Authorization', user)
      .expect(202);
  });

  /** Sends one request; for a refused write, also checks that nothing stored changed. */
  async function probe(
    op: Operation,
    label: string,
    names: string[],
    send: (r: request.Test) => request.Test,
    path = url(op),
  ): Promise<string[]> {
    const write = op.method !== 'get';
    const before = write ? await storedState(knex) : '';
    const answer = await send(
      (request(server) as any)[op.method](path).set('Authorization', user),
    );
    const problems = problemsWith(answer, names);
    if (write && answer.status >= 400 && (await storedState(knex)) !== before)
      problems.push(`refused with ${answer.status} but changed stored state`);
    return problems.map(p => `${op.method} ${op.path} ${label}: ${p}`);
  }

  const operations = specOperations();

  it('knows every route of the spec, and a valid body for each write', () => {
    expect(operations.map(op => op.id)).toEqual(
      expect.arrayContaining(['getEntityScorecard', 'pushFacts']),
    );
    // A new write route needs a baseline here, so that each spoilt part is all that is wrong.
    expect(
      operations.filter(op => op.body && !baselines[op.id]).map(op => op.id),
    ).toEqual([]);
  });

  it.each(operations.map(op => [op.id, op] as const))(
    '%s survives hostile parameters and bodies',
    async (_id, op) => {
      const problems: string[] = [];
      for (const parameter of op.parameters) {
        if (parameter.in === 'path') {
          for (const value of hostileStrings.filter(v => v !== '')) {
            const path = url(op, { name: parameter.name, value });
            problems.push(
              ...(await probe(
                op,
                `path ${parameter.name}=${JSON.stringify(value)}`,
                // A value with no UTF-8 form cannot be decoded to be named.
                path.includes('%ED%A0%80') ? ['malformed'] : [parameter.name],
                r => (op.body ? r.send(baselines[op.id] ?? {}) : r),
                path,
              )),
            );
          }
        } else {
          for (const value of hostileQueryValues(parameter.schema)) {
            problems.push(
              ...(await probe(
                op,
                `query ${parameter.name}=${JSON.stringify(value).slice(0, 80)}`,
                [parameter.name],
                r =>
                  r.query({
                    ...requiredQuery(op, parameter.name),
                    [parameter.name]: value,
                  }),
              )),
            );
          }
        }
      }
      if (op.body) {
        const bodies: BodyCase[] = hostileBodies(op.body, baselines[op.id]);
        for (const body of bodies) {
          problems.push(
            ...(await probe(op, `body ${body.label}`, body.names, r =>
              r.set('Content-Type', body.contentType).send(body.text),
            )),
          );
        }
      }
      expect(problems).toEqual([]);
    },
    // Hundreds of requests, each write checked against the stored state before and after: on a
    // machine whose cores other work keeps busy this takes minutes, not the default minute.
    300_000,
  );
});
