import { ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANIZATION_ENTITY_TYPES } from '@paytokens/domain';

/** The customer behind a token: a person or an organization (camelCase form of Klarna's customer). Personal data. OpenAPI schema only: the domain validates it. */
export class CustomerDto {
  @ApiPropertyOptional({ enum: ['person', 'organization'] }) type?: 'person' | 'organization';
  @ApiPropertyOptional({ maxLength: 255 }) title?: string;
  @ApiPropertyOptional({ maxLength: 255 }) gender?: string;
  @ApiPropertyOptional({ format: 'date', example: '1980-01-31' }) dateOfBirth?: string;
  @ApiPropertyOptional({ description: 'Four (or all nine) digits of a US social security number.', pattern: '^([0-9]{4}|[0-9]{9})$' })
  lastFourSsn?: string;
  @ApiPropertyOptional({ maxLength: 255 }) nationalIdentificationNumber?: string;
  @ApiPropertyOptional({ enum: ORGANIZATION_ENTITY_TYPES })
  organizationEntityType?: (typeof ORGANIZATION_ENTITY_TYPES)[number];
  @ApiPropertyOptional({ maxLength: 255 }) organizationRegistrationId?: string;
  @ApiPropertyOptional({ maxLength: 255 }) vatId?: string;
}
