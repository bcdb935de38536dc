import type { GuardrailState } from '@aligned-autonomy/plugin-autonomy-common';
import { nextLevelOf } from './nextLevel';

const levels = ['bronze', 'silver', 'gold'];
const definitions = [
  { id: 'owned', level: 'bronze', weight: 1 },
  { id: 'runbook', level: 'silver', weight: 1 },
  { id: 'chaos', level: 'gold', weight: 2 },
];
const result = (guardrailId: string, state: GuardrailState) => ({
  guardrailId,
  state,
  facts: [],
});

describe('nextLevelOf', () => {
  it('is the lowest level with a guardrail for an entity without a level', () => {
    expect(nextLevelOf([result('owned', 'fail')], definitions, levels)).toEqual(
      { level: 'bronze', blockingGuardrailIds: ['owned'] },
    );
  });

  it('passes over levels without a guardrail for the entity', () => {
    expect(
      nextLevelOf(
        [result('owned', 'pass'), result('chaos', 'fail')],
        definitions,
        levels,
      ),
    ).toEqual({ level: 'gold', blockingGuardrailIds: ['chaos'] });
  });

  it('names the unmet guardrails of the next level when nothing blocks it', () => {
    // The README's sample: one gold guardrail in its grace period. No level, and gold needs it.
    expect(
      nextLevelOf([result('chaos', 'warning')], definitions, levels),
    ).toEqual({ level: 'gold', blockingGuardrailIds: ['chaos'] });
  });

  it('is undefined when no level above has a guardrail for the entity', () => {
    expect(
      nextLevelOf(
        [result('owned', 'pass'), result('runbook', 'pass')],
        definitions,
        levels,
      ),
    ).toBeUndefined();
    expect(nextLevelOf([], definitions, levels)).toBeUndefined();
    expect(nextLevelOf([], [], [])).toBeUndefined();
  });

  it('leaves out results of guardrails that are no longer defined', () => {
    expect(
      nextLevelOf(
        [result('owned', 'pass'), result('removed', 'fail')],
        definitions,
        levels,
      ),
    ).toBeUndefined();
  });
});
