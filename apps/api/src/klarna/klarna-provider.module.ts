import { Module } from '@nestjs/common';
import { KlarnaModule } from '@paytokens/adapters-klarna';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import { PersistenceModule } from '../persistence/persistence.module';
import { PersistenceStores } from '../persistence/persistence-stores';
import { ProviderEvents } from '../resilience/provider-events';
import { ResilienceModule } from '../resilience/resilience.module';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import { klarnaConfig, type KlarnaConfig } from './klarna.config';
import { klarnaModuleOptions, klarnaReliabilityOptions } from './klarna-module-options';

/**
 * KlarnaModule fed from the `klarna` config namespace (and the simulator while simulating), registered as the
 * account `default`: today's single-account variables. The stores and the call hub are imported explicitly,
 * although global, so that this module says what it needs.
 */
@Module({
  imports: [
    KlarnaModule.forRootAsync({
      account: DEFAULT_ACCOUNT,
      imports: [PersistenceModule, ResilienceModule],
      inject: [klarnaConfig.KEY, PROVIDER_SIMULATORS, ProviderEvents, PersistenceStores],
      useFactory: (config: KlarnaConfig, simulators: ProviderSimulators | null, events: ProviderEvents, stores: PersistenceStores) => ({
        ...klarnaModuleOptions(config, simulators),
        ...klarnaReliabilityOptions(config, events, stores),
      }),
    }),
  ],
  exports: [KlarnaModule],
})
export class KlarnaProviderModule {}
