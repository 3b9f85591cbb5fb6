import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INTENDED_USES } from '@paytokens/domain';
import { AddressDto } from './address.dto';
import { CustomerDto } from './customer.dto';

/**
 * Body of POST /v1/klarna/customer-tokens, for the OpenAPI document only: the domain's CustomerTokenRequest
 * checks every field (one place per rule), so one answer lists every invalid field.
 */
export class CreateCustomerTokenDto {
  @ApiPropertyOptional({
    description:
      'The Klarna account to use. Left out: the only account, or the one whose region serves purchaseCountry (US, CA, MX: na; AU, NZ: oc; others: eu).',
    example: 'eu',
  })
  account?: string;

  @ApiProperty({
    description:
      "The authorization token Klarna's widget gave the shopper's browser. Sent in the body so that it stays out of URLs and access logs.",
    maxLength: 1024,
    example: '0b1d9815-165e-42e2-8867-35bc03789e00',
  })
  authorizationToken!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2.', example: 'GB' })
  purchaseCountry!: string;

  @ApiProperty({ description: 'ISO 4217.', example: 'GBP' })
  purchaseCurrency!: string;

  @ApiProperty({ description: 'RFC 1766 language and country.', example: 'en-GB' })
  locale!: string;

  @ApiProperty({ minLength: 1, maxLength: 255, example: 'Monthly box subscription' })
  description!: string;

  @ApiProperty({ enum: INTENDED_USES, example: 'SUBSCRIPTION' })
  intendedUse!: string;

  @ApiPropertyOptional({ type: AddressDto })
  billingAddress?: AddressDto;

  @ApiPropertyOptional({ type: CustomerDto })
  customer?: CustomerDto;
}
