import { Module } from '@nestjs/common';
import { KlarnaProviderModule } from './klarna-provider.module';
import { AuthorizationsController } from './authorizations.controller';
import { CustomerTokensController } from './customer-tokens.controller';
import { PaymentSessionsController } from './payment-sessions.controller';
import { TokenOrdersController } from './token-orders.controller';

/** The /v1/klarna routes. */
@Module({ imports: [KlarnaProviderModule], controllers: [CustomerTokensController, TokenOrdersController, PaymentSessionsController, AuthorizationsController] })
export class KlarnaApiModule {}
