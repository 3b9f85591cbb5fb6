import { Module } from '@nestjs/common';
import { ZenkiModule } from '@paytokens/adapters-zenki';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import { TELEMETRY } from '../observability/observability.constants';
import type { Telemetry } from '../observability/telemetry';
import { PersistenceModule } from '../persistence/persistence.module';
import { PersistenceStores } from '../persistence/persistence-stores';
import { ProviderEvents } from '../resilience/provider-events';
import { ResilienceModule } from '../resilience/resilience.module';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import { zenkiConfig, type ZenkiConfig } from './zenki.config';
import { zenkiModuleOptions, zenkiReliabilityOptions } from './zenki-module-options';

/**
 * ZenkiModule fed from the `zenki` config namespace (and the simulator while simulating), registered as the
 * account `default`: today's single-account variables. The stores and the call hub are imported explicitly,
 * although global, so that this module says what it needs.
 */
@Module({
  imports: [
    ZenkiModule.forRootAsync({
      account: DEFAULT_ACCOUNT,
      imports: [PersistenceModule, ResilienceModule],
      inject: [zenkiConfig.KEY, PROVIDER_SIMULATORS, ProviderEvents, PersistenceStores, TELEMETRY],
      useFactory: (config: ZenkiConfig, simulators: ProviderSimulators | null, events: ProviderEvents, stores: PersistenceStores, telemetry: Telemetry) => ({
        ...zenkiModuleOptions(config, simulators, telemetry.onTokenEvent),
        ...zenkiReliabilityOptions(config, events, stores),
      }),
    }),
  ],
  exports: [ZenkiModule],
})
export class ZenkiProviderModule {}
