import { type DynamicModule, Inject, Module, type OnApplicationShutdown, Optional } from '@nestjs/common';
import type { ProviderSimulators } from './provider-simulators';
import { PROVIDER_SIMULATORS } from './simulation.constants';
import { SimulatorController } from './simulator.controller';

/**
 * The embedded simulators, when the app runs with SIMULATE_PROVIDERS=true: global, so the provider
 * modules' factories can inject their URLs. Bootstrap starts them (and closes them if Nest fails to start);
 * from then on the Nest lifecycle closes them on shutdown. The simulator route exists only while simulating.
 */
@Module({})
export class SimulationModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(PROVIDER_SIMULATORS) private readonly simulators: ProviderSimulators | null) {}

  static forRoot(simulators: ProviderSimulators | undefined): DynamicModule {
    return {
      module: SimulationModule,
      global: true,
      providers: [{ provide: PROVIDER_SIMULATORS, useValue: simulators ?? null }],
      controllers: simulators ? [SimulatorController] : [],
      exports: [PROVIDER_SIMULATORS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.simulators?.close();
  }
}
