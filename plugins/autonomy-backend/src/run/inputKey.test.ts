import { createHash } from 'crypto';
import { contentHash } from '../store/scoreRows';
import { inputKey } from './inputKey';

/**
 * The keys and hashes as releases before the one-shot hashing made them, part by part: a stored
 * row's key must stay equal after an upgrade, or every entity is evaluated again for nothing.
 */
function partByPartInputKey(parts: Parameters<typeof inputKey>[0]) {
  const hash = createHash('sha1')
    .update(parts.run)
    .update('\n')
    .update(parts.catalog ?? '')
    .update('\n')
    .update(parts.factVersions ?? '');
  if (parts.exemptions?.size) {
    const exemptions = [...parts.exemptions]
      .map(([guardrail, e]) => `${guardrail}=${e.id}@${e.expiresAt}`)
      .sort();
    hash.update(`\n${exemptions.join(',')}`);
  }
  if (parts.provided.length) hash.update(`\n${JSON.stringify(parts.provided)}`);
  return hash.digest('base64');
}

function partByPartContentHash(...args: Parameters<typeof contentHash>) {
  const [fingerprint, header, signature, inputs] = args;
  const hash = createHash('sha1');
  if (inputs) hash.update(`${inputs.inputKey}@${inputs.recheckAt ?? ''}\n`);
  return hash
    .update(fingerprint)
    .update(
      JSON.stringify([
        header.kind,
        header.title,
        header.ownerRef,
        header.systemRef,
        header.domainRef,
      ]),
    )
    .update(signature)
    .digest('base64');
}

describe('input keys and content hashes', () => {
  it('are the keys earlier releases stored, for every shape of input', () => {
    const exemptions = new Map([
      ['runbook', { id: 'e2', expiresAt: '2026-12-01T00:00:00.000Z' }],
      ['owner', { id: 'e1', expiresAt: '2026-12-24T00:00:00.000Z' }],
    ]);
    const shapes: Parameters<typeof inputKey>[0][] = [
      {
        run: 'r',
        catalog: undefined,
        factVersions: undefined,
        exemptions: undefined,
        provided: [],
      },
      {
        run: 'r',
        catalog: 'c=',
        factVersions: 'v1|v2',
        exemptions: new Map(),
        provided: [],
      },
      { run: 'r', catalog: 'c=', factVersions: 'v', exemptions, provided: [] },
      {
        run: 'r',
        catalog: 'ç=',
        factVersions: undefined,
        exemptions,
        provided: [
          ['pagerduty', { 'pagerduty.onCall': true }],
          ['failed', undefined],
        ],
      },
    ];
    const keys = shapes.map(inputKey);
    expect(keys).toEqual(shapes.map(partByPartInputKey));
    expect(new Set(keys).size).toBe(shapes.length);
  });

  it('hash a row as earlier releases did, with and without its inputs', () => {
    const header = {
      kind: 'component',
      title: 'Shop – “checkout”',
      ownerRef: 'group:default/team-a',
      systemRef: undefined,
      domainRef: 'domain:default/commerce',
    };
    const cases: Parameters<typeof contentHash>[] = [
      ['set', header, 'sig'],
      ['set', header, 'sig', { inputKey: 'k', recheckAt: undefined }],
      ['set', header, 'sig', { inputKey: 'k', recheckAt: 1_795_000_000_000 }],
    ];
    const hashes = cases.map(c => contentHash(...c));
    expect(hashes).toEqual(cases.map(c => partByPartContentHash(...c)));
    expect(new Set(hashes).size).toBe(cases.length);
  });
});
