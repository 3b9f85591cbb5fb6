import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { configNamespaces, type Configuration } from './config/configuration';
import { HealthModule } from './health/health.module';
import { KlarnaApiModule } from './klarna/klarna-api.module';
import { ObservabilityModule } from './observability/observability.module';
import { Telemetry } from './observability/telemetry';
import { ProvidersModule } from './providers/providers.module';
import { PersistenceModule } from './persistence/persistence.module';
import { ResilienceModule } from './resilience/resilience.module';
import type { ProviderSimulators } from './simulation/provider-simulators';
import { SimulationModule } from './simulation/simulation.module';
import { ZenkiApiModule } from './zenki/zenki-api.module';

/** What the root module is built from: validated configuration and, when simulating, the running simulators. */
export interface AppModuleOptions {
  configuration: Configuration;
  simulators?: ProviderSimulators;
  /** The logger, metrics and listeners bootstrap built (a stdout logger at LOG_LEVEL when absent). */
  telemetry?: Telemetry;
}

/** The paytokens API: config namespaces, the simulators (when on), the provider routes and health. */
@Module({})
export class AppModule {
  static forRoot({ configuration, simulators, telemetry }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Validated before Nest starts (loadConfiguration), so here the namespaces only hand out the result.
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configNamespaces(configuration) }),
        ObservabilityModule.forRoot(telemetry ?? new Telemetry({ level: configuration.observability.logLevel })),
        SimulationModule.forRoot(simulators),
        PersistenceModule.forRoot(configuration.redis, configuration.limits),
        ResilienceModule,
        ProvidersModule.forRoot(configuration),
        KlarnaApiModule,
        ZenkiApiModule,
        HealthModule,
      ],
    };
  }
}
