import { type ArgumentMetadata, ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { type FieldError, ValidationError } from '@paytokens/domain';

/**
 * Validates a JSON body against its DTO class (whitelist, unknown fields refused) and reports every
 * problem as the domain's ValidationError, so a bad body gets the same 400 as a domain rule. Used per
 * route, never globally: routes without a DTO pay nothing for it.
 */
export class BodyValidationPipe extends ValidationPipe {
  private readonly optional: boolean;

  /** `optional`: no body at all counts as `{}`. */
  constructor(options: { optional?: boolean } = {}) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // Values are never echoed back: a rejected field may hold personal data or a token.
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationError(toFieldErrors(errors)),
    });
    this.optional = options.optional ?? false;
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (value === undefined && this.optional) return super.transform({}, metadata);
    if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ValidationError([{ field: 'body', message: 'must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

/** Flattens class-validator's tree into `{ field: 'billingAddress.country', message }` entries. */
export function toFieldErrors(errors: readonly ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? 'is not a known field' : withoutSubject(message, error.property),
    }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** "purchaseCountry must be a string" → "must be a string": the field is named separately. */
function withoutSubject(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
