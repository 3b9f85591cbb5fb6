import { type FieldError, ValidationError } from '@paytokens/domain';

// C0 control characters (NUL included) and DEL: no field of this API carries them, and Klarna must never get them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
// Keys named like Object.prototype's members slip past class-validator's unknown-field check.
const PROTOTYPE_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));
// The answer stays small whatever the body holds.
const MAX_ERRORS = 10;

/**
 * Refuses (400 VALIDATION_FAILED) a parsed JSON body that holds a control character in any string, or a key
 * named like an `Object.prototype` member (`constructor`, `toString`, …). Runs in the body parser, after the
 * depth check, so its recursion is bounded by JSON_MAX_DEPTH.
 */
export function checkJsonContent(body: unknown): void {
  const errors: FieldError[] = [];
  visit(body, '', errors);
  if (errors.length > 0) throw new ValidationError(errors.slice(0, MAX_ERRORS));
}

function visit(value: unknown, path: string, errors: FieldError[]): void {
  if (errors.length >= MAX_ERRORS) return;
  if (typeof value === 'string') {
    if (CONTROL_CHARACTER.test(value)) errors.push({ field: path || 'body', message: 'must not contain control characters' });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, `${path}[${index}]`, errors));
    return;
  }
  for (const key of Object.keys(value)) {
    // A key is the caller's text: named only when it is one of the fixed prototype names.
    if (PROTOTYPE_MEMBERS.has(key)) errors.push({ field: path ? `${path}.${key}` : key, message: 'is not a known field' });
    else if (CONTROL_CHARACTER.test(key)) errors.push({ field: path || 'body', message: 'has a field name with control characters' });
    else visit((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, errors);
  }
}
