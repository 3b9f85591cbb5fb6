import { Global, Module } from '@nestjs/common';
import { ProviderEvents } from './provider-events';

/**
 * ProviderEvents for everyone (global): the provider adapters publish their calls into it, metrics and logs
 * subscribe to it, readiness reads the circuit breakers from it. CircuitWatch (in ProvidersModule) registers the breakers.
 */
@Global()
@Module({
  providers: [ProviderEvents],
  exports: [ProviderEvents],
})
export class ResilienceModule {}
