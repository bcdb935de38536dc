import type { GuardrailEntityFilter } from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../catalogSnapshot';

const lower = (values: string[]) =>
  new Set(values.map(v => v.toLocaleLowerCase('en-US')));

/** Compiles a guardrail's `appliesTo` into a predicate over catalog nodes. */
export function compileFilter(
  filter: GuardrailEntityFilter,
): (node: CatalogNode) => boolean {
  const checks: ((node: CatalogNode) => boolean)[] = [];
  const oneOf = (
    values: string[] | undefined,
    read: (n: CatalogNode) => string | undefined,
  ) => {
    if (!values?.length) return;
    const allowed = lower(values);
    checks.push(n => {
      const v = read(n);
      return v !== undefined && allowed.has(v.toLocaleLowerCase('en-US'));
    });
  };
  oneOf(filter.kind, n => n.kind);
  oneOf(filter.type, n => n.specType);
  oneOf(filter.lifecycle, n => n.lifecycle);
  oneOf(filter.tier, n => n.annotations?.['aligned-autonomy.io/tier']);
  if (filter.tags?.length) {
    const tags = lower(filter.tags);
    checks.push(n =>
      (n.tags ?? []).some(t => tags.has(t.toLocaleLowerCase('en-US'))),
    );
  }
  if (filter.annotations?.length) {
    const keys = filter.annotations;
    checks.push(n => keys.every(k => n.annotations?.[k] !== undefined));
  }
  return node => checks.every(check => check(node));
}
