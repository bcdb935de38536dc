#!/usr/bin/env node
// Checks the running demo backend the way an AI assistant sees it: an MCP client (the official
// SDK over streamable HTTP) with a Backstage token lists the autonomy tools and asks for the
// scorecard of a demo service; the answer must name a failing guardrail and how to fix it.
//
//   node packages/backend/scripts/mcp-check.mjs [entityRef]
//
// BACKSTAGE_URL (default http://localhost:7007); BACKSTAGE_TOKEN, or a guest token is fetched.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const base = process.env.BACKSTAGE_URL ?? 'http://localhost:7007';
const entityRef = process.argv[2] ?? 'component:default/legacy-promo-engine';
const EXPECTED_TOOLS = [
  'get-entity-scorecard',
  'explain-guardrail-result',
  'get-mission-chain',
  'list-team-boundary-issues',
  'list-team-exemptions-and-campaigns',
  'request-exemption',
].map(name => `autonomy.${name}`);

async function token() {
  if (process.env.BACKSTAGE_TOKEN) return process.env.BACKSTAGE_TOKEN;
  const res = await fetch(`${base}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

function fail(message) {
  console.error(`MCP check failed: ${message}`);
  process.exit(1);
}

const client = new Client({
  name: 'aligned-autonomy-mcp-check',
  version: '1.0.0',
});
const transport = new StreamableHTTPClientTransport(
  new URL(`${base}/api/mcp-actions/v1`),
  { requestInit: { headers: { Authorization: `Bearer ${await token()}` } } },
);
await client.connect(transport);
try {
  const { tools } = await client.listTools();
  const names = tools.map(t => t.name);
  const missing = EXPECTED_TOOLS.filter(name => !names.includes(name));
  if (missing.length)
    fail(`tools missing: ${missing.join(', ')} (listed: ${names.join(', ')})`);
  const write = tools.find(t => t.name === 'autonomy.request-exemption');
  if (write.annotations?.readOnlyHint || !write.annotations?.destructiveHint)
    fail('request-exemption is not marked as a destructive write');
  console.log(`tools: ${EXPECTED_TOOLS.join(', ')}`);

  const result = await client.callTool({
    name: 'autonomy.get-entity-scorecard',
    arguments: { entityRef },
  });
  if (result.isError)
    fail(
      `the scorecard tool answered an error: ${JSON.stringify(result.content)}`,
    );
  const answer =
    result.structuredContent ?? JSON.parse(result.content?.[0]?.text ?? '{}');
  const failing = (answer.failing ?? []).filter(f => f.state === 'fail');
  if (!failing.length)
    fail(`${entityRef} has no failing guardrail in the answer`);
  for (const f of failing) {
    if (!f.howToFix) fail(`${f.guardrailId} comes without how to fix it`);
    console.log(
      `${entityRef} fails "${f.title}" (${f.guardrailId}): ${f.howToFix}`,
    );
  }
  console.log(
    `level ${answer.scorecard.level ?? 'none'}, score ${
      answer.scorecard.score
    }`,
  );
} finally {
  await client.close();
}
