import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MerchantUrlsDto, OrderLineDto } from './order-line.dto';

/** Body of POST /v1/klarna/customer-tokens/{tokenId}/orders, for the OpenAPI document only: the domain checks it. */
export class ChargeCustomerTokenDto {
  @ApiProperty({ description: "ISO 4217: the currency of the token's payment method.", example: 'GBP' }) purchaseCurrency!: string;
  @ApiProperty({ minimum: 1, description: "Minor units; the sum of the lines' totalAmount.", example: 2500 }) orderAmount!: number;
  @ApiProperty({ description: "Minor units; the sum of the lines' totalTaxAmount.", example: 417 }) orderTaxAmount!: number;
  @ApiProperty({ type: [OrderLineDto], minItems: 1 }) orderLines!: OrderLineDto[];
  @ApiPropertyOptional({ default: false, description: 'Capture at once instead of on shipping.' }) autoCapture?: boolean;
  @ApiPropertyOptional({ maxLength: 255, example: 'renewal-2026-12' }) merchantReference1?: string;
  @ApiPropertyOptional({ maxLength: 255 }) merchantReference2?: string;
  @ApiPropertyOptional({ maxLength: 6000 }) merchantData?: string;
  @ApiPropertyOptional({ type: MerchantUrlsDto, description: '`confirmation` and `push` only; `confirmation` required when given.' })
  merchantUrls?: MerchantUrlsDto;
}

/** The payment method an order was charged to. */
export class AuthorizedPaymentMethodResponse {
  @ApiProperty({ example: 'card' }) type!: string;
  @ApiPropertyOptional() numberOfDays?: number;
  @ApiPropertyOptional() numberOfInstallments?: number;
}

/** 201 answer of POST /v1/klarna/customer-tokens/{tokenId}/orders. */
export class TokenOrderResponse {
  @ApiProperty({ example: 'f3392f8b-6116-4073-ab96-e330819e2c07' }) orderId!: string;
  @ApiProperty({ example: 'ACCEPTED', description: 'ACCEPTED, PENDING or REJECTED.' }) fraudStatus!: string;
  @ApiPropertyOptional({ format: 'uri' }) redirectUrl?: string;
  @ApiPropertyOptional({ type: AuthorizedPaymentMethodResponse }) authorizedPaymentMethod?: AuthorizedPaymentMethodResponse;
  @ApiProperty({ example: 'default', description: 'The Klarna account the order was placed with.' }) account!: string;
}
