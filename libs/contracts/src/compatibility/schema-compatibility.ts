import { JsonSchema } from '../asyncapi/schema-example';

/**
 * What breaks a consumer or a producer of an event type between two JSON Schemas of its data: a
 * field removed or retyped, a new required field (or an optional one made required), an enum value
 * removed, an array's item schema changed in any of those ways. Adding an optional field breaks
 * nobody. Each finding names the field by its path.
 */
export function breakingChanges(before: JsonSchema, after: JsonSchema, path = ''): string[] {
  const found: string[] = [];
  const was = typeName(before);
  const now = typeName(after);
  if (was !== now) return [`${path || '(root)'}: retyped from ${was} to ${now}`];
  const removedValues = (before.enum ?? []).filter((value) => !(after.enum ?? []).includes(value));
  if (after.enum && removedValues.length)
    found.push(`${path || '(root)'}: enum value(s) ${removedValues.map((v) => JSON.stringify(v)).join(', ')} removed`);
  if (before.items && after.items) found.push(...breakingChanges(before.items, after.items, `${path}[]`));
  const branches = (s: JsonSchema) => s.anyOf ?? s.oneOf;
  const [oldBranches, newBranches] = [branches(before), branches(after)];
  if (oldBranches && newBranches)
    oldBranches.forEach((branch, i) => {
      if (newBranches[i]) found.push(...breakingChanges(branch, newBranches[i], path));
    });
  return [...found, ...propertyChanges(before, after, path)];
}

function propertyChanges(before: JsonSchema, after: JsonSchema, path: string): string[] {
  const found: string[] = [];
  const oldProps = before.properties ?? {};
  const newProps = after.properties ?? {};
  const oldRequired = new Set(before.required ?? []);
  for (const [name, schema] of Object.entries(oldProps)) {
    const field = path ? `${path}.${name}` : name;
    if (!newProps[name]) found.push(`${field}: removed`);
    else found.push(...breakingChanges(schema, newProps[name], field));
  }
  for (const name of after.required ?? []) {
    const field = path ? `${path}.${name}` : name;
    if (!oldProps[name]) found.push(`${field}: new required field`);
    else if (!oldRequired.has(name)) found.push(`${field}: was optional, is now required`);
  }
  return found;
}

/** The kind a schema describes: its type, or the kinds of its branches. */
function typeName(schema: JsonSchema): string {
  if (schema.type) return Array.isArray(schema.type) ? [...schema.type].sort().join('|') : schema.type;
  if (schema.const !== undefined) return typeof schema.const;
  if (schema.enum) return [...new Set(schema.enum.map((v) => typeof v))].sort().join('|');
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return branches.map(typeName).sort().join('|');
  return 'any';
}
