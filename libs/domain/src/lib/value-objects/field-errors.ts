import { ValidationError, type FieldError } from '../errors/errors';

/** Collects field errors while parsing a request, then throws them all at once. */
export class FieldErrors {
  private readonly errors: FieldError[] = [];

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  /** Records an error unless `value` is undefined or a string of at most `max` characters (`min` too when given). */
  optionalString(field: string, value: unknown, max: number, min = 0): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.add(field, 'must be a string');
      return undefined;
    }
    if (value.length < min) this.add(field, `must be at least ${min} characters`);
    if (value.length > max) this.add(field, `must be at most ${max} characters`);
    return value;
  }

  get isEmpty(): boolean {
    return this.errors.length === 0;
  }

  /** Throws a {@link ValidationError} carrying every recorded error, if any. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw new ValidationError([...this.errors]);
  }
}
