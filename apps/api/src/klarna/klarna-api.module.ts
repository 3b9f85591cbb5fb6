import { Module } from '@nestjs/common';
import { AuthorizationsController } from './authorizations.controller';
import { CustomerTokensController } from './customer-tokens.controller';
import { PaymentSessionsController } from './payment-sessions.controller';
import { TokenOrdersRoute } from './token-orders.route';

/** The /v1/klarna routes (the accounts come from the global ProvidersModule). */
@Module({
  controllers: [CustomerTokensController, PaymentSessionsController, AuthorizationsController],
  providers: [TokenOrdersRoute],
})
export class KlarnaApiModule {}
