import { ValidationError, type FieldError } from '../errors/errors';

/** The message of a required field that is absent, null or empty: nothing else is said about it. */
export const REQUIRED_MESSAGE = 'is required';

/** Collects field errors while parsing a request, then throws them all at once, each field once. */
export class FieldErrors {
  private readonly errors: FieldError[] = [];

  /** Records a problem of `field`, unless it has one already: the first problem found is the one reported. */
  add(field: string, message: string): void {
    if (!this.has(field)) this.errors.push({ field, message });
  }

  /** True when `field` already has a problem recorded. */
  has(field: string): boolean {
    return this.errors.some((error) => error.field === field);
  }

  /** Records an error unless `value` is undefined or a string of `min` (default 0) to `max` characters. */
  optionalString(field: string, value: unknown, max: number, min = 0): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.add(field, 'must be a string');
      return undefined;
    }
    if (value.length > max) this.add(field, `must be at most ${max} characters`);
    else if (value.length < min) this.add(field, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
    return value;
  }

  /** Like {@link optionalString}, but absent, null or empty is {@link REQUIRED_MESSAGE}. */
  requiredString(field: string, value: unknown, max: number): string | undefined {
    if (isMissing(value)) {
      this.add(field, REQUIRED_MESSAGE);
      return undefined;
    }
    return this.optionalString(field, value, max);
  }

  get isEmpty(): boolean {
    return this.errors.length === 0;
  }

  /** Throws a {@link ValidationError} carrying every recorded error, if any. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw new ValidationError([...this.errors]);
  }
}

/** Absent, JSON null or an empty string: what a required field may not be. */
export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
