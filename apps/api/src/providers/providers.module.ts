import { type DynamicModule, Module } from '@nestjs/common';
import type { Configuration } from '../config/configuration';
import { KlarnaProviderModule } from '../klarna/klarna-provider.module';
import { CircuitWatch } from '../resilience/circuit-watch';
import { ZenkiProviderModule } from '../zenki/zenki-provider.module';

/**
 * Both provider adapters, one registration per configured account (each wired in its own folder: klarna/, zenki/),
 * global so that the API and health modules share them through KlarnaAccounts and ZenkiAccounts; and CircuitWatch,
 * which registers every account's circuit breaker with ProviderEvents and logs transitions.
 */
@Module({})
export class ProvidersModule {
  static forRoot(configuration: Pick<Configuration, 'klarna' | 'zenki'>): DynamicModule {
    const klarna = KlarnaProviderModule.forRoot(configuration.klarna);
    const zenki = ZenkiProviderModule.forRoot(configuration.zenki);
    return { module: ProvidersModule, global: true, imports: [klarna, zenki], providers: [CircuitWatch], exports: [klarna, zenki] };
  }
}
