import { Module } from '@nestjs/common';
import { KlarnaModule } from '@paytokens/adapters-klarna';
import { ZenkiModule } from '@paytokens/adapters-zenki';
import { klarnaConfig, type KlarnaConfig } from '../config/klarna.config';
import { zenkiConfig, type ZenkiConfig } from '../config/zenki.config';
import { klarnaModuleOptions } from '../klarna/klarna-module-options';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import { zenkiModuleOptions } from '../zenki/zenki-module-options';

/**
 * The provider adapters, fed from their config namespaces (and from the simulators while simulating;
 * the global SimulationModule provides them). One instance of each, shared by the API and health modules.
 */
@Module({
  imports: [
    KlarnaModule.forRootAsync({
      inject: [klarnaConfig.KEY, PROVIDER_SIMULATORS],
      useFactory: (config: KlarnaConfig, simulators: ProviderSimulators | null) => klarnaModuleOptions(config, simulators),
    }),
    ZenkiModule.forRootAsync({
      inject: [zenkiConfig.KEY, PROVIDER_SIMULATORS],
      useFactory: (config: ZenkiConfig, simulators: ProviderSimulators | null) => zenkiModuleOptions(config, simulators),
    }),
  ],
  exports: [KlarnaModule, ZenkiModule],
})
export class ProvidersModule {}
