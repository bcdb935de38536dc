import { createHash } from 'crypto';
import { sha1Base64 } from '../store/sha1';
import { readFileSync } from 'fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { CompiledCampaign } from '../domain/campaigns/campaigns';
import type { ActiveExemptions } from '../domain/guardrails/evaluate';
import type { FactValue } from '../domain/guardrails/facts';

/**
 * The plugin's version: an upgrade may decide differently on the same inputs (a fixed operator,
 * a catalog fact read another way), so after one every entity is evaluated once.
 */
const EVALUATOR_VERSION: string = JSON.parse(
  readFileSync(
    resolvePackagePath(
      '@aligned-autonomy/plugin-autonomy-backend',
      'package.json',
    ),
    'utf8',
  ),
).version;

/**
 * What every entity of a run shares in its input key: the plugin's version, the guardrail set
 * (its fingerprint covers the definitions, levels, fact sources and teams' decisions) and the
 * campaigns.
 */
export function runInputsKey(
  fingerprint: string,
  campaigns: CompiledCampaign[],
): string {
  return createHash('sha1')
    .update(EVALUATOR_VERSION)
    .update(fingerprint)
    .update(JSON.stringify(campaigns.map(c => c.definition)))
    .digest('base64');
}

/**
 * The key of everything an entity's evaluation reads apart from the clock: the run's shared
 * inputs, the hash of its catalog side (its preview input: own fields, owner, mission chain,
 * boundary facts), the version of each pushed source (a newer push always has a newer
 * `observedAt`), its active exemptions and what fact providers said. Equal keys and a recheck
 * instant still ahead mean the stored row is what an evaluation would write again.
 */
export function inputKey(parts: {
  run: string;
  catalog: string | undefined;
  factVersions: string | undefined;
  exemptions: ActiveExemptions | undefined;
  /** Each provider's id and what it said of the entity (a failed provider is absent). */
  provided: [string, Record<string, FactValue> | undefined][];
}): string {
  // One text hashed at once: the same bytes as hashing the parts one by one, so the same keys as
  // earlier releases stored (see sha1Base64 for why).
  let text = `${parts.run}\n${parts.catalog ?? ''}\n${
    parts.factVersions ?? ''
  }`;
  if (parts.exemptions?.size) {
    const exemptions = [...parts.exemptions]
      .map(([guardrail, e]) => `${guardrail}=${e.id}@${e.expiresAt}`)
      .sort();
    text += `\n${exemptions.join(',')}`;
  }
  if (parts.provided.length) text += `\n${JSON.stringify(parts.provided)}`;
  return sha1Base64(text);
}
