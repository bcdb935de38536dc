import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  checkGuardrailEntity,
  normalizeGuardrailEntity,
  type GuardrailDefinition,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';
import {
  GuardrailConfigError,
  readGuardrailsConfig,
} from '../../config/readGuardrailsConfig';

/** The app-config key a definition read alone is checked under; errors name the preview's field. */
const CONFIG_KEY = 'autonomy.guardrails.definitions[0]';

/** A previewed definition and the field its errors are named under. */
export interface PreviewDefinition {
  definition: GuardrailDefinition;
  /** `definition` (app-config shape) or `spec` (a Guardrail entity). */
  root: string;
}

/** A configuration error's message with the preview's field in place of the config key. */
export const renameKey = (message: string, root: string) =>
  message
    .replace(/^Invalid configuration at /, 'Invalid guardrail definition at ')
    .split(CONFIG_KEY)
    .join(root);

function parseSource(source: string | object): Record<string, unknown> {
  let value: unknown = source;
  if (typeof source === 'string') {
    try {
      // YAML 1.2 reads JSON as well.
      value = parse(source);
    } catch (e) {
      throw new InputError(
        `definition is neither YAML nor JSON: ${(e as Error).message}`,
      );
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError('definition must be one guardrail, a mapping');
  return value as Record<string, unknown>;
}

function fromEntity(
  entity: Record<string, unknown>,
  levels: string[],
): PreviewDefinition {
  const { problems, definition } = checkGuardrailEntity(
    normalizeGuardrailEntity(entity as unknown as Entity),
    { levels },
  );
  if (entity.apiVersion !== 'aligned-autonomy.io/v1alpha1')
    problems.unshift('apiVersion must be aligned-autonomy.io/v1alpha1');
  if (entity.kind !== 'Guardrail') problems.unshift('kind must be Guardrail');
  if (problems.length || !definition)
    throw new InputError(`Invalid Guardrail entity: ${problems.join('; ')}`);
  return { definition, root: 'spec' };
}

/**
 * Reads the definition a preview is asked about, YAML or JSON text or an object, in either shape:
 * a Guardrail entity (checked as the catalog module checks it) or an app-config definition
 * (checked as the backend reads its configuration). A bad one is an InputError naming the field.
 */
export function readPreviewDefinition(
  source: string | object,
  levels: string[],
): PreviewDefinition {
  const raw = parseSource(source);
  if ('apiVersion' in raw || 'kind' in raw) return fromEntity(raw, levels);
  try {
    const config = readGuardrailsConfig(
      new ConfigReader({
        autonomy: { guardrails: { levels, definitions: [raw] } },
      } as any),
    );
    return {
      definition: {
        ...config.definitions[0],
        type: 'required',
        source: 'config',
      },
      root: 'definition',
    };
  } catch (e) {
    if (e instanceof GuardrailConfigError)
      throw new InputError(renameKey(e.message, 'definition'));
    throw e;
  }
}
