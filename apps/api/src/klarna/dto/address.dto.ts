import { ApiPropertyOptional } from '@nestjs/swagger';

/** A billing address with contact details (camelCase form of Klarna's address). Personal data. OpenAPI schema only: the domain validates it. */
export class AddressDto {
  @ApiPropertyOptional({ maxLength: 255, example: 'Mr' }) title?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'John' }) givenName?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'Doe' }) familyName?: string;
  @ApiPropertyOptional({ maxLength: 255 }) organizationName?: string;
  @ApiPropertyOptional({ maxLength: 255 }) attention?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'john@doe.com' }) email?: string;
  @ApiPropertyOptional({ maxLength: 255, example: '+44 7700 900077' }) phone?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'Lombard St 10' }) streetAddress?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'Apt 214' }) streetAddress2?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'EC3V 9EL' }) postalCode?: string;
  @ApiPropertyOptional({ maxLength: 255, example: 'London' }) city?: string;
  @ApiPropertyOptional({ maxLength: 255, description: 'State or region (e.g. US-OH, AU-ACT).' }) region?: string;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2.', example: 'GB' }) country?: string;
}
