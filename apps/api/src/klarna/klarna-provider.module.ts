import { type DynamicModule, Module } from '@nestjs/common';
import {
  KlarnaModule,
  klarnaCircuitToken,
  klarnaCustomerTokensToken,
  klarnaHealthIndicatorToken,
  klarnaPaymentSessionsToken,
  klarnaTokenChargesToken,
  type KlarnaCustomerTokens,
  type KlarnaHealthIndicator,
  type KlarnaPaymentSessions,
  type KlarnaTokenCharges,
} from '@paytokens/adapters-klarna';
import type { ProviderCircuit } from '@paytokens/provider-kit';
import { PersistenceModule } from '../persistence/persistence.module';
import { PersistenceStores } from '../persistence/persistence-stores';
import { ProviderEvents } from '../resilience/provider-events';
import { ResilienceModule } from '../resilience/resilience.module';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import { KlarnaAccounts } from './klarna-accounts';
import { klarnaConfig, type KlarnaConfig } from './klarna.config';
import { klarnaModuleOptions, klarnaReliabilityOptions } from './klarna-module-options';

/**
 * KlarnaModule registered once per configured account (KLARNA_ACCOUNTS, or `default` from today's single-account
 * variables), and KlarnaAccounts over them. The stores and the call hub are imported explicitly, although global,
 * so that this module says what it needs.
 */
/** What each account's KlarnaModule registration gives KlarnaAccounts, in this order. */
const PARTS = [
  klarnaCustomerTokensToken,
  klarnaPaymentSessionsToken,
  klarnaTokenChargesToken,
  klarnaCircuitToken,
  klarnaHealthIndicatorToken,
] as const;

@Module({})
export class KlarnaProviderModule {
  static forRoot(config: KlarnaConfig): DynamicModule {
    const names = config.accounts.map(({ name }) => name);
    return {
      module: KlarnaProviderModule,
      imports: config.accounts.map((account) =>
        KlarnaModule.forRootAsync({
          account: account.name,
          imports: [PersistenceModule, ResilienceModule],
          inject: [klarnaConfig.KEY, PROVIDER_SIMULATORS, ProviderEvents, PersistenceStores],
          useFactory: (loaded: KlarnaConfig, simulators: ProviderSimulators | null, events: ProviderEvents, stores: PersistenceStores) => ({
            ...klarnaModuleOptions(loaded, account, simulators),
            ...klarnaReliabilityOptions(loaded, account, events, stores),
          }),
        }),
      ),
      providers: [
        {
          provide: KlarnaAccounts,
          inject: names.flatMap((name) => PARTS.map((token) => token(name))),
          useFactory: (...parts: unknown[]) =>
            new KlarnaAccounts(
              config.accounts.map(({ name, region }, i) => {
                const part = <T>(index: number) => parts[PARTS.length * i + index] as T;
                return {
                  name,
                  region,
                  customerTokens: part<KlarnaCustomerTokens>(0),
                  sessions: part<KlarnaPaymentSessions>(1),
                  charges: part<KlarnaTokenCharges>(2),
                  circuit: part<ProviderCircuit>(3),
                  health: part<KlarnaHealthIndicator>(4),
                };
              }),
            ),
        },
      ],
      exports: [KlarnaAccounts],
    };
  }
}
