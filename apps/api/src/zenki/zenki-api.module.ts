import { Module } from '@nestjs/common';
import { AccessTokensController } from './access-tokens.controller';

/** The /v1/zenki routes (the accounts come from the global ProvidersModule). */
@Module({ controllers: [AccessTokensController] })
export class ZenkiApiModule {}
