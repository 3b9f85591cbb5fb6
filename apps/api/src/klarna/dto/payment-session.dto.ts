import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SESSION_INTENTS } from '@paytokens/domain';
import { AddressDto } from './address.dto';
import { CustomerDto } from './customer.dto';
import { MerchantUrlsDto, OrderLineDto } from './order-line.dto';

/**
 * Body of POST /v1/klarna/sessions, for the OpenAPI document only: the domain's PaymentSessionRequest checks every
 * field and Klarna's rules (market table, sums, billing country) before any call, in one answer.
 */
export class CreatePaymentSessionDto {
  @ApiPropertyOptional({ enum: SESSION_INTENTS, default: 'tokenize', description: '`buy` cannot yield a customer token.' }) intent?: string;
  @ApiProperty({ description: "ISO 3166-1 alpha-2, one of Klarna's purchase countries.", example: 'GB' }) purchaseCountry!: string;
  @ApiProperty({ description: "ISO 4217: the country's currency.", example: 'GBP' }) purchaseCurrency!: string;
  @ApiProperty({ description: 'One of the locales Klarna offers in the country.', example: 'en-GB' }) locale!: string;
  @ApiProperty({ description: "Minor units; the sum of the lines' totalAmount.", example: 2500 }) orderAmount!: number;
  @ApiPropertyOptional({ description: "Minor units; the sum of the lines' totalTaxAmount.", example: 417 }) orderTaxAmount?: number;
  @ApiProperty({ type: [OrderLineDto], minItems: 1 }) orderLines!: OrderLineDto[];
  @ApiPropertyOptional({ type: MerchantUrlsDto }) merchantUrls?: MerchantUrlsDto;
  @ApiPropertyOptional({ maxLength: 255 }) merchantReference1?: string;
  @ApiPropertyOptional({ maxLength: 255 }) merchantReference2?: string;
  @ApiPropertyOptional({ type: AddressDto, description: 'Its country must be the purchase country.' }) billingAddress?: AddressDto;
  @ApiPropertyOptional({ type: CustomerDto }) customer?: CustomerDto;
}

/** A payment method category the widget may offer. */
export class PaymentMethodCategoryResponse {
  @ApiProperty({ example: 'pay_later' }) identifier!: string;
  @ApiPropertyOptional({ example: 'Pay later.' }) name?: string;
}

/** 201 answer of POST /v1/klarna/sessions. */
export class CreatedPaymentSessionResponse {
  @ApiProperty({ example: '068df369-13a7-4d47-a564-62f8408bb760' }) sessionId!: string;
  @ApiProperty({ description: "For the shopper's browser widget (Klarna.Payments.init); not a server credential." }) clientToken!: string;
  @ApiProperty({ type: [PaymentMethodCategoryResponse] }) paymentMethodCategories!: PaymentMethodCategoryResponse[];
  @ApiProperty({ example: 'default', description: 'The Klarna account the session belongs to.' }) account!: string;
}

/** 200 answer of GET /v1/klarna/sessions/{sessionId}. */
export class PaymentSessionResponse {
  @ApiProperty() sessionId!: string;
  @ApiPropertyOptional({ example: 'complete', description: '`incomplete` until the shopper authorized, then `complete`.' }) status?: string;
  @ApiPropertyOptional({ enum: SESSION_INTENTS }) intent?: string;
  @ApiPropertyOptional({ example: 'GB' }) purchaseCountry?: string;
  @ApiPropertyOptional({ example: 'GBP' }) purchaseCurrency?: string;
  @ApiPropertyOptional({ example: 'en-GB' }) locale?: string;
  @ApiPropertyOptional({ example: 2500 }) orderAmount?: number;
  @ApiPropertyOptional({ example: 417 }) orderTaxAmount?: number;
  @ApiPropertyOptional({ format: 'date-time' }) expiresAt?: string;
  @ApiPropertyOptional() clientToken?: string;
  @ApiProperty({ type: [PaymentMethodCategoryResponse] }) paymentMethodCategories!: PaymentMethodCategoryResponse[];
  @ApiProperty({ example: 'default' }) account!: string;
}
