// Writes a generated organisation of about N services for the scorecard-view benchmark:
// 250 teams under 10 departments, 25 domains, 500 systems, N components with a realistic mix
// of the annotations the demo guardrails look at. Usage: node generate-catalog.mjs OUT [N]
import { writeFileSync, mkdirSync } from 'fs';
import { dirname } from 'path';

const [, , out, count = '10000'] = process.argv;
const services = Number(count);
const docs = [];
const add = doc => docs.push(JSON.stringify(doc));

for (let d = 0; d < 10; d++) {
  add({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: `bench-dept-${d}` },
    spec: { type: 'department', children: [] },
  });
}
for (let t = 0; t < 250; t++) {
  add({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: `bench-team-${t}`, title: `Bench team ${t}` },
    spec: { type: 'team', parent: `bench-dept-${t % 10}`, children: [] },
  });
}
for (let d = 0; d < 25; d++) {
  add({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: `bench-domain-${d}` },
    spec: { owner: `bench-dept-${d % 10}` },
  });
}
for (let s = 0; s < 500; s++) {
  add({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: `bench-system-${s}` },
    spec: { owner: `bench-team-${s % 250}`, domain: `bench-domain-${s % 25}` },
  });
}
for (let c = 0; c < services; c++) {
  const annotations = {};
  if (c % 10 < 7)
    annotations[
      'aligned-autonomy.io/runbook'
    ] = `https://runbooks.example.com/svc-${c}`;
  if (c % 10 < 8)
    annotations['aligned-autonomy.io/on-call'] = `pagerduty:P${c}`;
  if (c % 5 < 3) annotations['backstage.io/techdocs-ref'] = 'dir:.';
  if (c % 10 === 0) {
    annotations['aligned-autonomy.io/tier'] = '1';
    annotations['aligned-autonomy.io/slo'] = '99.9';
  }
  add({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `bench-svc-${c}`,
      title: `Bench service ${c}`,
      annotations,
    },
    spec: {
      type: 'service',
      lifecycle: c % 20 ? 'production' : 'experimental',
      owner: `bench-team-${c % 250}`,
      system: `bench-system-${c % 500}`,
    },
  });
}
mkdirSync(dirname(out), { recursive: true });
// JSON documents are valid YAML documents.
writeFileSync(out, `${docs.join('\n---\n')}\n`);
console.log(`wrote ${docs.length} entities to ${out}`);
