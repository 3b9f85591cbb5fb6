import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { CustomerTokensController } from './customer-tokens.controller';

/** The /v1/klarna routes. */
@Module({ imports: [ProvidersModule], controllers: [CustomerTokensController] })
export class KlarnaApiModule {}
