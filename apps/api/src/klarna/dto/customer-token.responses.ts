import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AddressDto } from './address.dto';
import { CustomerDto } from './customer.dto';

/** 201 answer of POST /v1/klarna/customer-tokens. */
export class CreatedCustomerTokenResponse {
  @ApiProperty({ example: 'eu', description: 'The Klarna account used.' })
  account!: string;

  @ApiProperty({
    example: '7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f',
    description: 'The customer token: keep it to charge the customer later.',
  })
  tokenId!: string;

  @ApiPropertyOptional({
    example: 'https://credit.klarna.com/v1/sessions/0b1d9815/redirect',
    description: 'Where to send the shopper next.',
  })
  redirectUrl?: string;

  @ApiPropertyOptional({ description: "Klarna's reference of the payment method behind the token." })
  paymentMethodReference?: string;

  @ApiPropertyOptional({ type: AddressDto })
  billingAddress?: AddressDto;

  @ApiPropertyOptional({ type: CustomerDto })
  customer?: CustomerDto;
}

/** Masked card details of a token. */
export class CardResponse {
  @ApiProperty({ example: 'VISA' }) brand!: string;
  @ApiProperty({ example: '12/28' }) expiryDate!: string;
  @ApiProperty({ example: '************1111' }) maskedNumber!: string;
}

/** Masked bank account details of a direct-debit token. */
export class DirectDebitResponse {
  @ApiProperty({ example: '**************1234' }) maskedNumber!: string;
}

/** 200 answer of GET /v1/klarna/customer-tokens/{tokenId}. */
export class CustomerTokenResponse {
  @ApiProperty({ example: 'eu', description: 'The Klarna account used.' })
  account!: string;

  @ApiProperty({ example: '7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f' })
  tokenId!: string;

  @ApiProperty({ example: 'ACTIVE', description: 'ACTIVE, CANCELLED or SUSPENDED (Klarna may add states).' })
  status!: string;

  @ApiPropertyOptional({ example: 'INVOICE', description: 'INVOICE, CARD, DIRECT_DEBIT, ...' })
  paymentMethodType?: string;

  @ApiPropertyOptional({ type: CardResponse })
  card?: CardResponse;

  @ApiPropertyOptional({ type: DirectDebitResponse })
  directDebit?: DirectDebitResponse;
}
