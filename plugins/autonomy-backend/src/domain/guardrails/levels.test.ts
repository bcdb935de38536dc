import {
  emptyStateCounts,
  type GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import { BLOCKING, levelAndScore, type ScoredResult } from './levels';

const BRONZE = 0;
const SILVER = 1;
const GOLD = 2;
const LEVELS = 3;

const r = (
  guardrailId: string,
  state: GuardrailState,
  levelIndex: number,
  weight = 1,
): ScoredResult => ({
  result: { guardrailId, state, facts: [] },
  levelIndex,
  weight,
});

describe('levelAndScore', () => {
  describe('level', () => {
    it('is the highest level with nothing blocking at or below it', () => {
      expect(
        levelAndScore(
          [
            r('a', 'pass', BRONZE),
            r('b', 'pass', SILVER),
            r('c', 'fail', GOLD),
          ],
          LEVELS,
        ).levelIndex,
      ).toBe(SILVER);
      expect(
        levelAndScore(
          [
            r('a', 'pass', BRONZE),
            r('b', 'pass', SILVER),
            r('c', 'pass', GOLD),
          ],
          LEVELS,
        ).levelIndex,
      ).toBe(GOLD);
    });

    it('is -1 when the lowest level is blocked, whatever passes above', () => {
      expect(
        levelAndScore(
          [
            r('a', 'fail', BRONZE),
            r('b', 'pass', SILVER),
            r('c', 'pass', GOLD),
          ],
          LEVELS,
        ).levelIndex,
      ).toBe(-1);
    });

    it('stops below a blocked level even when higher levels pass', () => {
      expect(
        levelAndScore(
          [
            r('a', 'pass', BRONZE),
            r('b', 'unknown', SILVER),
            r('c', 'pass', GOLD),
          ],
          LEVELS,
        ).levelIndex,
      ).toBe(BRONZE);
    });

    it.each(['fail', 'unknown'] as GuardrailState[])('%s blocks', state => {
      expect(BLOCKING.has(state)).toBe(true);
      expect(
        levelAndScore([r('a', 'pass', BRONZE), r('b', state, SILVER)], LEVELS)
          .levelIndex,
      ).toBe(BRONZE);
    });

    it.each([
      'pass',
      'warning',
      'exempt',
      'error',
      'not-applicable',
    ] as GuardrailState[])('%s does not block', state => {
      expect(BLOCKING.has(state)).toBe(false);
      expect(
        levelAndScore(
          [r('a', 'pass', BRONZE), r('b', state, SILVER), r('c', 'pass', GOLD)],
          LEVELS,
        ).levelIndex,
      ).toBe(GOLD);
    });

    it('needs a guardrail met at the level itself', () => {
      // The README's sample: only a gold guardrail, in its grace period. Not gold with 0/100.
      const sample = levelAndScore([r('a', 'warning', GOLD)], LEVELS);
      expect(sample.levelIndex).toBe(-1);
      expect(sample.score).toBe(0);
      // Warnings and errors alone do not grant the level they sit at.
      expect(
        levelAndScore(
          [r('a', 'pass', BRONZE), r('b', 'warning', SILVER)],
          LEVELS,
        ).levelIndex,
      ).toBe(BRONZE);
      expect(
        levelAndScore([r('a', 'pass', BRONZE), r('b', 'error', SILVER)], LEVELS)
          .levelIndex,
      ).toBe(BRONZE);
      expect(levelAndScore([], LEVELS).levelIndex).toBe(-1);
    });

    it('passes over levels with no guardrail for the entity, without granting them', () => {
      expect(levelAndScore([r('a', 'pass', GOLD)], LEVELS).levelIndex).toBe(
        GOLD,
      );
      expect(levelAndScore([r('a', 'fail', GOLD)], LEVELS).levelIndex).toBe(-1);
      expect(
        levelAndScore([r('a', 'pass', BRONZE), r('b', 'pass', GOLD)], LEVELS)
          .levelIndex,
      ).toBe(GOLD);
      expect(levelAndScore([r('a', 'pass', BRONZE)], LEVELS).levelIndex).toBe(
        BRONZE,
      );
    });

    it('never contradicts the score: a level means a score above 0, 100 means the top level met', () => {
      const states: GuardrailState[] = [
        'pass',
        'fail',
        'warning',
        'exempt',
        'unknown',
        'error',
      ];
      // Every combination of one state per level, plus no guardrail at that level.
      const choices = [undefined, ...states];
      const contradictions: string[] = [];
      let cases = 0;
      for (const b of choices)
        for (const s of choices)
          for (const g of choices) {
            const results = [
              b && r('b', b, BRONZE),
              s && r('s', s, SILVER),
              g && r('g', g, GOLD),
            ].filter((x): x is ScoredResult => !!x);
            const { levelIndex, score } = levelAndScore(results, LEVELS);
            const label = `${b}/${s}/${g}`;
            cases++;
            if (levelIndex >= 0 && !(score! > 0))
              contradictions.push(`${label}: level ${levelIndex} at ${score}`);
            // The highest level with a scored result (an error is outside the score).
            const top = Math.max(
              ...results
                .filter(x => x.result.state !== 'error')
                .map(x => x.levelIndex),
            );
            if (score === 100 && levelIndex !== top)
              contradictions.push(`${label}: 100 but level ${levelIndex}`);
          }
      expect(cases).toBe(7 ** 3);
      expect(contradictions).toEqual([]);
    });
  });

  describe('score', () => {
    it('is the weighted share of met results, pass and exempt being met', () => {
      expect(
        levelAndScore(
          [r('a', 'pass', BRONZE, 3), r('b', 'fail', SILVER, 1)],
          LEVELS,
        ).score,
      ).toBe(75);
      expect(
        levelAndScore(
          [r('a', 'exempt', BRONZE, 1), r('b', 'warning', SILVER, 1)],
          LEVELS,
        ).score,
      ).toBe(50);
      expect(
        levelAndScore(
          [r('a', 'pass', BRONZE, 1), r('b', 'unknown', SILVER, 3)],
          LEVELS,
        ).score,
      ).toBe(25);
    });

    it('counts fail, warning and unknown as not met', () => {
      expect(
        levelAndScore(
          [
            r('a', 'fail', BRONZE),
            r('b', 'warning', SILVER),
            r('c', 'unknown', GOLD),
          ],
          LEVELS,
        ).score,
      ).toBe(0);
    });

    it('leaves error and not-applicable out', () => {
      expect(
        levelAndScore(
          [
            r('a', 'pass', BRONZE),
            r('b', 'error', BRONZE, 5),
            r('c', 'not-applicable', SILVER, 5),
          ],
          LEVELS,
        ).score,
      ).toBe(100);
    });

    it('is null when nothing is scored', () => {
      expect(levelAndScore([], LEVELS).score).toBeNull();
      expect(
        levelAndScore(
          [r('a', 'error', BRONZE), r('b', 'not-applicable', SILVER)],
          LEVELS,
        ).score,
      ).toBeNull();
    });

    it('rounds to one decimal', () => {
      expect(
        levelAndScore(
          [
            r('a', 'pass', BRONZE),
            r('b', 'fail', BRONZE),
            r('c', 'fail', BRONZE),
          ],
          LEVELS,
        ).score,
      ).toBe(33.3);
      expect(
        levelAndScore(
          [r('a', 'pass', BRONZE, 2), r('b', 'fail', BRONZE, 1)],
          LEVELS,
        ).score,
      ).toBe(66.7);
    });
  });

  describe('blockers', () => {
    it('lists what blocks the next level', () => {
      const result = levelAndScore(
        [
          r('a', 'pass', BRONZE),
          r('b', 'fail', SILVER),
          r('c', 'unknown', SILVER),
          r('d', 'warning', SILVER),
          r('e', 'fail', GOLD),
        ],
        LEVELS,
      );
      expect(result.levelIndex).toBe(BRONZE);
      expect(result.blockingNext).toEqual(['b', 'c']);
      expect(result.failingGuardrailIds).toEqual(['b', 'c', 'e']);
    });

    it('lists the lowest level’s blockers when no level is reached', () => {
      const result = levelAndScore(
        [r('a', 'fail', BRONZE), r('b', 'fail', SILVER)],
        LEVELS,
      );
      expect(result.levelIndex).toBe(-1);
      expect(result.blockingNext).toEqual(['a']);
      expect(result.failingGuardrailIds).toEqual(['a', 'b']);
    });

    it('lists nothing at the top level', () => {
      const result = levelAndScore(
        [r('a', 'pass', BRONZE), r('b', 'exempt', GOLD)],
        LEVELS,
      );
      expect(result.levelIndex).toBe(GOLD);
      expect(result.nextLevelIndex).toBe(-1);
      expect(result.blockingNext).toEqual([]);
      expect(result.failingGuardrailIds).toEqual([]);
    });

    it('names the next level’s unmet guardrails when nothing blocks it', () => {
      const result = levelAndScore(
        [
          r('a', 'pass', BRONZE),
          r('b', 'warning', GOLD),
          r('c', 'error', GOLD),
        ],
        LEVELS,
      );
      expect(result.levelIndex).toBe(BRONZE);
      expect(result.nextLevelIndex).toBe(GOLD);
      expect(result.blockingNext).toEqual(['b', 'c']);
    });

    it('has no next level when no level above has a guardrail', () => {
      const result = levelAndScore([r('a', 'pass', BRONZE)], LEVELS);
      expect(result.nextLevelIndex).toBe(-1);
      expect(result.blockingNext).toEqual([]);
    });
  });

  it('counts every state', () => {
    const { counts } = levelAndScore(
      [
        r('a', 'pass', BRONZE),
        r('b', 'pass', BRONZE),
        r('c', 'fail', SILVER),
        r('d', 'warning', SILVER),
        r('e', 'exempt', GOLD),
        r('f', 'unknown', GOLD),
        r('g', 'error', GOLD),
        r('h', 'not-applicable', GOLD),
      ],
      LEVELS,
    );
    expect(counts).toEqual({
      pass: 2,
      fail: 1,
      warning: 1,
      exempt: 1,
      unknown: 1,
      error: 1,
      'not-applicable': 1,
    });
  });

  it('starts from zero counts', () => {
    expect(levelAndScore([], LEVELS).counts).toEqual(emptyStateCounts());
    expect(Object.values(emptyStateCounts()).every(v => v === 0)).toBe(true);
  });
});
