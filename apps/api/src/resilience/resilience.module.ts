import { Global, Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { CircuitWatch } from './circuit-watch';
import { ProviderEvents } from './provider-events';

/**
 * ProviderEvents for everyone (global): the provider adapters publish their calls into it, metrics and logs
 * subscribe to it, readiness reads the circuit breakers from it. CircuitWatch registers the breakers.
 */
@Global()
@Module({
  imports: [ProvidersModule],
  providers: [ProviderEvents, CircuitWatch],
  exports: [ProviderEvents],
})
export class ResilienceModule {}
