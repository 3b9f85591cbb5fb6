import { Module } from '@nestjs/common';
import { AccessTokenRoute } from './access-token.route';

/** The /v1/zenki routes (the accounts come from the global ProvidersModule). */
@Module({ providers: [AccessTokenRoute] })
export class ZenkiApiModule {}
