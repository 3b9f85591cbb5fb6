import { Module } from '@nestjs/common';
import { KlarnaModule } from '@paytokens/adapters-klarna';
import { ZenkiModule } from '@paytokens/adapters-zenki';
import { klarnaConfig, type KlarnaConfig } from '../config/klarna.config';
import { zenkiConfig, type ZenkiConfig } from '../config/zenki.config';
import { klarnaModuleOptions } from '../klarna/klarna-module-options';
import { TELEMETRY } from '../observability/observability.constants';
import type { Telemetry } from '../observability/telemetry';
import { PersistenceStores } from '../persistence/persistence-stores';
import { klarnaReliabilityOptions, zenkiReliabilityOptions } from '../resilience/provider-reliability-options';
import { ProviderEvents } from '../resilience/provider-events';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import { zenkiModuleOptions } from '../zenki/zenki-module-options';

/**
 * The provider adapters, fed from their config namespaces (and from the simulators while simulating;
 * the global SimulationModule provides them). One instance of each, shared by the API and health modules.
 * Circuit breakers, call events (ProviderEvents) and the shared stores (PersistenceStores) come from the
 * global ResilienceModule and PersistenceModule.
 */
@Module({
  imports: [
    KlarnaModule.forRootAsync({
      inject: [klarnaConfig.KEY, PROVIDER_SIMULATORS, ProviderEvents, PersistenceStores],
      useFactory: (config: KlarnaConfig, simulators: ProviderSimulators | null, events: ProviderEvents, stores: PersistenceStores) => ({
        ...klarnaModuleOptions(config, simulators),
        ...klarnaReliabilityOptions(config, events, stores),
      }),
    }),
    ZenkiModule.forRootAsync({
      inject: [zenkiConfig.KEY, PROVIDER_SIMULATORS, ProviderEvents, PersistenceStores, TELEMETRY],
      useFactory: (config: ZenkiConfig, simulators: ProviderSimulators | null, events: ProviderEvents, stores: PersistenceStores, telemetry: Telemetry) => ({
        ...zenkiModuleOptions(config, simulators, telemetry.onTokenEvent),
        ...zenkiReliabilityOptions(config, events, stores),
      }),
    }),
  ],
  exports: [KlarnaModule, ZenkiModule],
})
export class ProvidersModule {}
