import { Module } from '@nestjs/common';
import { CustomerTokensController } from './customer-tokens.controller';

/** The /v1/klarna routes (the accounts come from the global ProvidersModule). */
@Module({ controllers: [CustomerTokensController] })
export class KlarnaApiModule {}
