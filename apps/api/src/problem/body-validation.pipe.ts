import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { type FieldError, ValidationError } from '@paytokens/domain';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError as ClassValidatorError } from 'class-validator';
import { requireJsonObject } from './json-object-body';

const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  // Values are never echoed back: a rejected field may hold personal data or a token.
  validationError: { target: false, value: false },
};

/**
 * Validates a JSON body against its DTO class with class-validator (whitelist, unknown fields refused) and
 * reports every problem as the domain's ValidationError, so a bad body gets the same 400 as a domain rule.
 * Calls class-transformer and class-validator directly and synchronously: Nest's ValidationPipe adds an
 * async path and per-call checks that showed up in the Klarna route's profile. Used per route, never globally.
 */
export class BodyValidationPipe implements PipeTransform {
  private readonly optional: boolean;

  /** `optional`: no body at all counts as `{}`. */
  constructor(options: { optional?: boolean } = {}) {
    this.optional = options.optional ?? false;
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const body = requireJsonObject(value === undefined && this.optional ? {} : value);
    const dto = metadata.metatype;
    if (!dto || dto === Object) throw new TypeError('BodyValidationPipe needs a DTO class as the parameter type');
    const instance = plainToInstance(dto, body) as object;
    const errors = validateSync(instance, VALIDATOR_OPTIONS);
    if (errors.length > 0) throw new ValidationError(toFieldErrors(errors));
    return instance;
  }
}

// When one field breaks several constraints, the type check says the most (a number is "not a string", not "too long").
const CONSTRAINTS_FIRST = ['whitelistValidation', 'isDefined', 'isString', 'isBoolean', 'isNumber', 'isObject', 'isIn'];

/** Flattens class-validator's tree into `{ field: 'billingAddress.country', message }` entries, one per field. */
export function toFieldErrors(errors: readonly ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    const chosen = CONSTRAINTS_FIRST.find((name) => name in constraints) ?? Object.keys(constraints)[0];
    const own =
      chosen === undefined
        ? []
        : [
            {
              field,
              message: chosen === 'whitelistValidation' ? 'is not a known field' : withoutSubject(constraints[chosen], error.property),
            },
          ];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** "purchaseCountry must be a string" → "must be a string": the field is named separately. */
function withoutSubject(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
