import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** A billing address with contact details (camelCase form of Klarna's address). Personal data. */
export class AddressDto {
  @ApiPropertyOptional({ maxLength: 255, example: 'Mr' }) @IsOptional() @IsString() @MaxLength(255) title?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'John' }) @IsOptional() @IsString() @MaxLength(255) givenName?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'Doe' }) @IsOptional() @IsString() @MaxLength(255) familyName?: string;
  @ApiPropertyOptional({ maxLength: 255 }) @IsOptional() @IsString() @MaxLength(255) organizationName?: string;
  @ApiPropertyOptional({ maxLength: 255 }) @IsOptional() @IsString() @MaxLength(255) attention?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'john@doe.com' }) @IsOptional() @IsString() @MaxLength(255) email?: string;
  @ApiPropertyOptional({ maxLength: 255, example: '+44 7700 900077' }) @IsOptional() @IsString() @MaxLength(255) phone?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'Lombard St 10' }) @IsOptional() @IsString() @MaxLength(255) streetAddress?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'Apt 214' }) @IsOptional() @IsString() @MaxLength(255) streetAddress2?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'EC3V 9EL' }) @IsOptional() @IsString() @MaxLength(255) postalCode?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'London' }) @IsOptional() @IsString() @MaxLength(255) city?: string;
  @ApiPropertyOptional({ maxLength: 255, description: 'State or region (e.g. US-OH, AU-ACT).' }) @IsOptional() @IsString() @MaxLength(255) region?: string;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2.', example: 'GB' }) @IsOptional() @IsString() @MaxLength(255) country?: string;
}
