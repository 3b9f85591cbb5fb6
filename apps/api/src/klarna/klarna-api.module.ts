import { Module } from '@nestjs/common';
import { AuthorizationsController } from './authorizations.controller';
import { CustomerTokensController } from './customer-tokens.controller';
import { PaymentSessionsController } from './payment-sessions.controller';
import { TokenOrdersController } from './token-orders.controller';

/** The /v1/klarna routes (the accounts come from the global ProvidersModule). */
@Module({ controllers: [CustomerTokensController, TokenOrdersController, PaymentSessionsController, AuthorizationsController] })
export class KlarnaApiModule {}
