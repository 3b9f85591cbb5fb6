import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SIMULATED_PAYMENT_METHOD_TYPES } from '@paytokens/adapters-klarna/simulator';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

/** Optional body of POST /v1/simulator/klarna/authorizations: the session the authorization belongs to. */
export class MintAuthorizationDto {
  @ApiPropertyOptional({
    description:
      'A session created with POST /v1/klarna/sessions: the shopper authorizes it, so its intent, country, currency and billing data carry over (purchaseCountry and purchaseCurrency are then ignored).',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._~-]{1,255}$/, { message: 'must be a session id' })
  sessionId?: string;

  @ApiPropertyOptional({ enum: SIMULATED_PAYMENT_METHOD_TYPES, description: 'Default: derived from the token.' })
  @IsOptional()
  @IsIn([...SIMULATED_PAYMENT_METHOD_TYPES])
  paymentMethodType?: (typeof SIMULATED_PAYMENT_METHOD_TYPES)[number];

  @ApiPropertyOptional({ example: 'GB', description: 'A create naming another purchase country answers 409.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  purchaseCountry?: string;

  @ApiPropertyOptional({ example: 'GBP', description: 'A create naming another purchase currency answers 409.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{3}$/, { message: 'must be an ISO 4217 currency code' })
  purchaseCurrency?: string;
}

/** 201 answer: what a shopper's browser would hand the merchant after a Klarna checkout. */
export class MintedAuthorizationResponse {
  @ApiProperty({ example: '0b1d9815-165e-42e2-8867-35bc03789e00' })
  authorizationToken!: string;

  @ApiProperty({ format: 'date-time', description: 'Authorizations live 60 minutes and can be used once.' })
  expiresAt!: string;
}
