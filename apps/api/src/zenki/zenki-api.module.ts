import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { AccessTokensController } from './access-tokens.controller';

/** The /v1/zenki routes. */
@Module({ imports: [ProvidersModule], controllers: [AccessTokensController] })
export class ZenkiApiModule {}
