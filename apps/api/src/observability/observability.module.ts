import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TELEMETRY } from './observability.constants';
import { ProviderTelemetry } from './provider-telemetry';
import type { Telemetry } from './telemetry';

/**
 * Hands the Telemetry bootstrap built to the rest of the app (global: the provider modules' factories
 * inject its listeners), subscribes it to the provider events, and at shutdown exports the last spans and flushes the log.
 */
@Module({})
export class ObservabilityModule implements OnApplicationShutdown {
  constructor(@Inject(TELEMETRY) private readonly telemetry: Telemetry) {}

  static forRoot(telemetry: Telemetry): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      providers: [{ provide: TELEMETRY, useValue: telemetry }, ProviderTelemetry],
      exports: [TELEMETRY],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.telemetry.openTelemetry?.shutdown();
    this.telemetry.flush();
  }
}
