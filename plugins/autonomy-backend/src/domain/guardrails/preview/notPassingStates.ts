import type { GuardrailState } from '@aligned-autonomy/plugin-autonomy-common';

/** The states of an entity's stored results that did not pass, by guardrail id. */
export type StoredStates = Pick<ReadonlyMap<string, GuardrailState>, 'get'> &
  Iterable<[string, GuardrailState]>;

/**
 * Stored states read from an entity row's state tokens (`<guardrail>:<state>` joined by `|`, see
 * stateTokens; `*:<state>` tokens are skipped) only as far as they are asked: a preview asks most
 * entities for one guardrail's state and only the few whose result changes for all of them, so
 * building a map per entity up front was most of reading a large catalog's states. Parsed once
 * when listed: the store hands entities with the same tokens one shared object.
 */
export class NotPassingStates implements StoredStates {
  private readonly text: string;

  constructor(tokens: string) {
    this.text = `|${tokens}|`;
  }

  get(id: string): GuardrailState | undefined {
    const key = `|${id}:`;
    for (
      let at = this.text.indexOf(key);
      at >= 0;
      at = this.text.indexOf(key, at + 1)
    ) {
      const from = at + key.length;
      const state = this.text.slice(from, this.text.indexOf('|', from));
      // An id that is the start of a longer id with a colon in it: not this one.
      if (!state.includes(':')) return state as GuardrailState;
    }
    return undefined;
  }

  [Symbol.iterator](): Iterator<[string, GuardrailState]> {
    this.entries ??= this.parse();
    return this.entries[Symbol.iterator]();
  }

  private entries?: [string, GuardrailState][];

  private parse() {
    const entries: [string, GuardrailState][] = [];
    for (const token of this.text.split('|')) {
      if (!token || token.startsWith('*:')) continue;
      const colon = token.lastIndexOf(':');
      entries.push([
        token.slice(0, colon),
        token.slice(colon + 1) as GuardrailState,
      ]);
    }
    return entries;
  }
}
