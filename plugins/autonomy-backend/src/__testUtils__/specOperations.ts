import { spec } from '../schema/openapi/generated';

/** A JSON schema as the spec writes it: only the keywords the hostile-input suite reads. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  id: string;
  method: string;
  /** The spec's path, with `{param}` placeholders. */
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

const document = spec as any;

/** Follows `$ref`, `allOf` of one and `anyOf` to the schema that says what a value is. */
export function resolve(schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (;;) {
    if (current.$ref) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = document.components.schemas[name];
    } else if (current.allOf?.length === 1) {
      current = current.allOf[0];
    } else {
      return current;
    }
  }
}

function resolveParameter(parameter: any): Parameter {
  const target = parameter.$ref
    ? document.components.parameters[
        parameter.$ref.replace('#/components/parameters/', '')
      ]
    : parameter;
  return { ...target, required: Boolean(target.required) };
}

/** Every operation of the spec, with its parameters and body schema resolved. */
export function specOperations(): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, any>).map(([method, op]) => ({
      id: op.operationId,
      method,
      path,
      parameters: (op.parameters ?? []).map(resolveParameter),
      body: op.requestBody
        ? resolve(op.requestBody.content?.['application/json']?.schema)
        : undefined,
    })),
  );
}
