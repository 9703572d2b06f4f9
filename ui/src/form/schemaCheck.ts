/**
 * A JSON Schema checker for exactly the subset core/api/entitySchemas.ts emits
 * (type, enum, min/maxLength, pattern, format email/date/date-time, minimum,
 * maximum, properties, required, additionalProperties:false, items, min/maxItems,
 * anyOf). It interprets the schema instead of compiling it to code, so the UI
 * runs under a Content-Security-Policy without 'unsafe-eval'. Errors use ajv's
 * vocabulary (keyword, instancePath, params) so the same server mapping applies.
 */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  data: unknown;
}

type Schema = Record<string, unknown>;

const FORMATS: Record<string, (text: string) => boolean> = {
  email: (t) =>
    /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(t),
  date: (t) => /^\d{4}-\d{2}-\d{2}$/.test(t) && isRealDate(t),
  'date-time': (t) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/.test(t) && isRealDate(t.slice(0, 10)),
};

export function checkSchema(schema: Schema, value: unknown, path = ''): SchemaError[] {
  const error = (keyword: string, params: Record<string, unknown> = {}): SchemaError[] => [{ keyword, instancePath: path, params, data: value }];
  if (Array.isArray(schema.anyOf)) {
    const branches = (schema.anyOf as Schema[]).map((s) => checkSchema(s, value, path));
    if (branches.some((b) => b.length === 0)) return [];
    return error('anyOf');
  }
  if (schema.type !== undefined && !matchesType(schema.type, value)) return error('type', { type: schema.type });
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return error('enum', { allowedValues: schema.enum });
  if (typeof value === 'string') return checkString(schema, value, error);
  if (typeof value === 'number') return checkNumber(schema, value, error);
  if (Array.isArray(value)) return checkArray(schema, value, path, error);
  if (value !== null && typeof value === 'object') return checkObject(schema, value as Record<string, unknown>, path);
  return [];
}

function checkString(schema: Schema, value: string, error: (k: string, p?: Record<string, unknown>) => SchemaError[]): SchemaError[] {
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) return error('minLength', { limit: schema.minLength });
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) return error('maxLength', { limit: schema.maxLength });
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return error('pattern', { pattern: schema.pattern });
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  if (format && !format(value)) return error('format', { format: schema.format });
  return [];
}

function checkNumber(schema: Schema, value: number, error: (k: string, p?: Record<string, unknown>) => SchemaError[]): SchemaError[] {
  if (typeof schema.minimum === 'number' && value < schema.minimum) return error('minimum', { limit: schema.minimum });
  if (typeof schema.maximum === 'number' && value > schema.maximum) return error('maximum', { limit: schema.maximum });
  return [];
}

function checkArray(schema: Schema, value: unknown[], path: string, error: (k: string, p?: Record<string, unknown>) => SchemaError[]): SchemaError[] {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) return error('minItems', { limit: schema.minItems });
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return error('maxItems', { limit: schema.maxItems });
  const items = schema.items as Schema | undefined;
  return items ? value.flatMap((item, i) => checkSchema(items, item, `${path}/${i}`)) : [];
}

function checkObject(schema: Schema, value: Record<string, unknown>, path: string): SchemaError[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const errors: SchemaError[] = [];
  for (const name of (schema.required as string[] | undefined) ?? []) {
    if (value[name] === undefined) errors.push({ keyword: 'required', instancePath: path, params: { missingProperty: name }, data: value });
  }
  for (const [name, item] of Object.entries(value)) {
    const child = properties[name];
    if (child) errors.push(...checkSchema(child, item, `${path}/${escapePointer(name)}`));
    else if (schema.additionalProperties === false)
      errors.push({ keyword: 'additionalProperties', instancePath: path, params: { additionalProperty: name }, data: value });
  }
  return errors;
}

function matchesType(type: unknown, value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    if (t === 'null') return value === null;
    if (t === 'integer') return typeof value === 'number' && Number.isInteger(value);
    if (t === 'number') return typeof value === 'number' && Number.isFinite(value);
    if (t === 'array') return Array.isArray(value);
    if (t === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value);
    return typeof value === t;
  });
}

function isRealDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
