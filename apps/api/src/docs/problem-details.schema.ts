import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One invalid field of a validation problem (OpenAPI schema). */
export class FieldErrorSchema {
  @ApiProperty({ example: 'purchaseCountry' })
  field!: string;

  @ApiProperty({ example: 'must be an ISO 3166-1 alpha-2 country code' })
  message!: string;
}

/** RFC 9457 problem details as paytokens sends them (OpenAPI schema). */
export class ProblemDetailsSchema {
  @ApiProperty({ example: 'https://paytokens.dev/problems/validation-failed', format: 'uri' })
  type!: string;

  @ApiProperty({ example: 'Invalid request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'Invalid input: purchaseCountry must be an ISO 3166-1 alpha-2 country code' })
  detail!: string;

  @ApiProperty({
    description: 'Stable machine-readable code; the last segment of `type` in kebab case.',
    example: 'VALIDATION_FAILED',
    enum: [
      'VALIDATION_FAILED',
      'MALFORMED_REQUEST',
      'UNAUTHENTICATED',
      'NOT_FOUND',
      'ROUTE_NOT_FOUND',
      'CONFLICT',
      'IDEMPOTENCY_REQUEST_IN_PROGRESS',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'REJECTED',
      'IDEMPOTENCY_KEY_REUSED',
      'RATE_LIMITED',
      'INTERNAL_ERROR',
      'PROVIDER_AUTHENTICATION_FAILED',
      'PROVIDER_UNAVAILABLE',
      'STORE_UNAVAILABLE',
      'PROVIDER_TIMEOUT',
    ],
  })
  code!: string;

  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'Every invalid field (validation problems only).' })
  errors?: FieldErrorSchema[];

  @ApiPropertyOptional({ example: 'klarna', description: 'The provider that answered, when one did.' })
  provider?: string;

  @ApiPropertyOptional({ example: 'TOKEN_CANCELLED', description: "The provider's own error code." })
  providerCode?: string;

  @ApiPropertyOptional({ example: '6a9b1cb1-73a3-4936-a030-481ba4bb203b', description: "The provider's correlation id, for its support." })
  correlationId?: string;
}
