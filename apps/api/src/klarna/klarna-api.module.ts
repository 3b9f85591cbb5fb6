import { Module } from '@nestjs/common';
import { KlarnaProviderModule } from './klarna-provider.module';
import { CustomerTokensController } from './customer-tokens.controller';

/** The /v1/klarna routes. */
@Module({ imports: [KlarnaProviderModule], controllers: [CustomerTokensController] })
export class KlarnaApiModule {}
