import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INTENDED_USES } from '@paytokens/domain';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { AddressDto } from './address.dto';
import { CustomerDto } from './customer.dto';

/**
 * Body of POST /v1/klarna/customer-tokens. The shape is checked here; the domain's
 * CustomerTokenRequest then checks the meaning (country, currency and locale codes, dates).
 */
export class CreateCustomerTokenDto {
  @ApiProperty({
    description: "The authorization token Klarna's widget gave the shopper's browser. Sent in the body so that it stays out of URLs and access logs.",
    maxLength: 1024,
    example: '0b1d9815-165e-42e2-8867-35bc03789e00',
  })
  @IsString() @IsNotEmpty() @MaxLength(1024)
  authorizationToken!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2.', example: 'GB' })
  @IsString() @IsNotEmpty() @MaxLength(255)
  purchaseCountry!: string;

  @ApiProperty({ description: 'ISO 4217.', example: 'GBP' })
  @IsString() @IsNotEmpty() @MaxLength(255)
  purchaseCurrency!: string;

  @ApiProperty({ description: 'RFC 1766 language and country.', example: 'en-GB' })
  @IsString() @IsNotEmpty() @MaxLength(255)
  locale!: string;

  @ApiProperty({ minLength: 1, maxLength: 255, example: 'Monthly box subscription' })
  @IsString() @IsNotEmpty() @MaxLength(255)
  description!: string;

  @ApiProperty({ enum: INTENDED_USES, example: 'SUBSCRIPTION' })
  @IsIn([...INTENDED_USES])
  intendedUse!: string;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AddressDto)
  billingAddress?: AddressDto;

  @ApiPropertyOptional({ type: CustomerDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CustomerDto)
  customer?: CustomerDto;
}
