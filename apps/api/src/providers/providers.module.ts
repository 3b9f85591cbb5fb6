import { Module } from '@nestjs/common';
import { KlarnaProviderModule } from '../klarna/klarna-provider.module';
import { CircuitWatch } from '../resilience/circuit-watch';
import { ZenkiProviderModule } from '../zenki/zenki-provider.module';

/**
 * Both provider adapters (each wired in its own folder: klarna/, zenki/), shared by the API and health
 * modules, and CircuitWatch, which registers their circuit breakers with ProviderEvents and logs transitions.
 */
@Module({
  imports: [KlarnaProviderModule, ZenkiProviderModule],
  providers: [CircuitWatch],
  exports: [KlarnaProviderModule, ZenkiProviderModule],
})
export class ProvidersModule {}
