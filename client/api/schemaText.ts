import type { JsonSchema } from '../../shared/schemas/openapi.ts';

// A JSON Schema written as a short TypeScript-like type for the reference page:
// `{ id: integer, name: string, code: string | null, aliases?: string[] }`.

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): JsonSchema[] => (Array.isArray(value) ? value.filter(isSchema) : []);

/** Constraints worth reading beside the type: lengths, ranges, patterns, defaults. */
function constraints(schema: JsonSchema): string {
  const notes: string[] = [];
  if (typeof schema.minLength === 'number' || typeof schema.maxLength === 'number') notes.push(`length ${schema.minLength ?? 0}–${schema.maxLength ?? '∞'}`);
  if (typeof schema.exclusiveMinimum === 'number') notes.push(`> ${schema.exclusiveMinimum}`);
  else if (typeof schema.minimum === 'number') notes.push(`≥ ${schema.minimum}`);
  // The largest safe integer bounds every id: saying so under each would only be noise.
  if (typeof schema.maximum === 'number' && schema.maximum !== Number.MAX_SAFE_INTEGER) notes.push(`≤ ${schema.maximum}`);
  if (typeof schema.minItems === 'number' || typeof schema.maxItems === 'number') notes.push(`${schema.minItems ?? 0}–${schema.maxItems ?? '∞'} items`);
  if (typeof schema.pattern === 'string') notes.push(`/${schema.pattern}/`);
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

/** The schema as a type, objects one property per line, indented by `depth`. */
export function schemaText(schema: JsonSchema, depth = 0): string {
  const pad = '  '.repeat(depth);
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ') + constraints(schema);
  const union = list(schema.anyOf).length ? list(schema.anyOf) : list(schema.oneOf);
  if (union.length) return union.map((branch) => schemaText(branch, depth)).join(' | ');
  const type = schema.type;
  if (Array.isArray(type)) return type.map((name) => schemaText({ ...schema, type: name }, depth)).join(' | ');
  if (type === 'array') {
    const item = isSchema(schema.items) ? schemaText(schema.items, depth) : 'any';
    return (item.includes(' | ') ? `(${item})[]` : `${item}[]`) + constraints(schema);
  }
  if (type === 'object' || isSchema(schema.properties)) {
    const properties = isSchema(schema.properties)
      ? Object.entries(schema.properties).filter((entry): entry is [string, JsonSchema] => isSchema(entry[1]))
      : [];
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    if (properties.length === 0)
      return isSchema(schema.additionalProperties) ? `{ [key: string]: ${schemaText(schema.additionalProperties, depth)} }` : 'object';
    const lines = properties.map(([name, property]) => `${pad}  ${name}${required.has(name) ? '' : '?'}: ${schemaText(property, depth + 1)}`);
    return `{\n${lines.join(',\n')}\n${pad}}`;
  }
  if (typeof type === 'string') return type + constraints(schema);
  return 'any';
}
