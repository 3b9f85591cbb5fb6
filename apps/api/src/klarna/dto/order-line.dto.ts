import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_LINE_TYPES } from '@paytokens/domain';

/** One order line, amounts in minor units. OpenAPI schema only: the domain validates it (sums included). */
export class OrderLineDto {
  @ApiPropertyOptional({ enum: ORDER_LINE_TYPES, example: 'digital' }) type?: string;
  @ApiPropertyOptional({ maxLength: 64, example: 'BOX-1' }) reference?: string;
  @ApiProperty({ maxLength: 255, example: 'Monthly box' }) name!: string;
  @ApiProperty({ minimum: 1, example: 1 }) quantity!: number;
  @ApiPropertyOptional({ maxLength: 8, example: 'pcs' }) quantityUnit?: string;
  @ApiProperty({ description: 'Minor units.', example: 2500 }) unitPrice!: number;
  @ApiPropertyOptional({ description: 'Basis points: 2000 is 20 %.', example: 2000 }) taxRate?: number;
  @ApiProperty({ description: 'quantity × unitPrice − totalDiscountAmount, in minor units.', example: 2500 }) totalAmount!: number;
  @ApiPropertyOptional({ example: 0 }) totalDiscountAmount?: number;
  @ApiPropertyOptional({ description: 'Within 1 of totalAmount × taxRate / (10000 + taxRate).', example: 417 }) totalTaxAmount?: number;
  @ApiPropertyOptional({ format: 'uri' }) productUrl?: string;
  @ApiPropertyOptional({ format: 'uri' }) imageUrl?: string;
  @ApiPropertyOptional({ maxLength: 255 }) merchantData?: string;
}

/** The merchant's callback URLs (https). */
export class MerchantUrlsDto {
  @ApiPropertyOptional({ format: 'uri', example: 'https://shop.example/confirm' }) confirmation?: string;
  @ApiPropertyOptional({ format: 'uri', description: 'Sessions only.' }) notification?: string;
  @ApiPropertyOptional({ format: 'uri' }) push?: string;
  @ApiPropertyOptional({ format: 'uri', description: 'Sessions only.' }) authorization?: string;
}
