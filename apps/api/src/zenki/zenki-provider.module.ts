import { type DynamicModule, Module } from '@nestjs/common';
import {
  ZenkiModule,
  zenkiAccessTokensToken,
  zenkiCircuitToken,
  zenkiHealthIndicatorToken,
  type ZenkiHealthIndicator,
} from '@paytokens/adapters-zenki';
import type { GetAccessToken } from '@paytokens/domain';
import type { ProviderCircuit } from '@paytokens/provider-kit';
import { TELEMETRY } from '../observability/observability.constants';
import type { Telemetry } from '../observability/telemetry';
import { PersistenceModule } from '../persistence/persistence.module';
import { PersistenceStores } from '../persistence/persistence-stores';
import { ProviderEvents } from '../resilience/provider-events';
import { ResilienceModule } from '../resilience/resilience.module';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import { ZenkiAccounts } from './zenki-accounts';
import { zenkiConfig, type ZenkiConfig } from './zenki.config';
import { zenkiModuleOptions, zenkiReliabilityOptions } from './zenki-module-options';

/**
 * ZenkiModule registered once per configured account (ZENKI_ACCOUNTS, or `default` from today's single-account
 * variables), and ZenkiAccounts over them. The stores and the call hub are imported explicitly, although global,
 * so that this module says what it needs.
 */
@Module({})
export class ZenkiProviderModule {
  static forRoot(config: ZenkiConfig): DynamicModule {
    const names = config.accounts.map(({ name }) => name);
    return {
      module: ZenkiProviderModule,
      imports: config.accounts.map((account) =>
        ZenkiModule.forRootAsync({
          account: account.name,
          imports: [PersistenceModule, ResilienceModule],
          inject: [zenkiConfig.KEY, PROVIDER_SIMULATORS, ProviderEvents, PersistenceStores, TELEMETRY],
          useFactory: (
            loaded: ZenkiConfig,
            simulators: ProviderSimulators | null,
            events: ProviderEvents,
            stores: PersistenceStores,
            telemetry: Telemetry,
          ) => ({
            ...zenkiModuleOptions(loaded, account, simulators, {
              onTokenEvent: (event) => telemetry.onTokenEvent(event, account.name),
              onSecretFallback: telemetry.onSecretFallback,
            }),
            ...zenkiReliabilityOptions(loaded, account, events, stores),
          }),
        }),
      ),
      providers: [
        {
          provide: ZenkiAccounts,
          inject: names.flatMap((name) => [zenkiAccessTokensToken(name), zenkiCircuitToken(name), zenkiHealthIndicatorToken(name)]),
          useFactory: (...parts: unknown[]) =>
            new ZenkiAccounts(
              names.map((name, i) => ({
                name,
                accessTokens: parts[3 * i] as GetAccessToken,
                circuit: parts[3 * i + 1] as ProviderCircuit,
                health: parts[3 * i + 2] as ZenkiHealthIndicator,
              })),
            ),
        },
      ],
      exports: [ZenkiAccounts],
    };
  }
}
