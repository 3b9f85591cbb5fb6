import { Module } from '@nestjs/common';
import { ZenkiProviderModule } from './zenki-provider.module';
import { AccessTokensController } from './access-tokens.controller';

/** The /v1/zenki routes. */
@Module({ imports: [ZenkiProviderModule], controllers: [AccessTokensController] })
export class ZenkiApiModule {}
