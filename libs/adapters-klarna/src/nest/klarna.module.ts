import { Inject, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import {
  CancelCustomerToken,
  CUSTOMER_TOKEN_GATEWAY,
  IDEMPOTENCY_STORE,
  InMemoryIdempotencyStore,
  IssueCustomerToken,
  ReadCustomerToken,
  type CustomerTokenGateway,
  type IdempotencyStore,
} from '@paytokens/domain';
import { InvalidKlarnaOptionsError, KlarnaGatewayConfig } from '../lib/klarna-config';
import { KlarnaCustomerTokenGateway } from '../lib/klarna-customer-token.gateway';
import { ProviderCircuit } from '../lib/provider-circuit';
import { ConfigurableModuleClass } from './klarna-module-definition';
import type { KlarnaModuleOptions } from './klarna-module-options';
import { KLARNA_CIRCUIT, KLARNA_GATEWAY_CONFIG, KLARNA_MODULE_OPTIONS } from './klarna.constants';

const providers: Provider[] = [
  {
    // Validating here makes a bad option stop the application at start-up, naming the field, never its value.
    provide: KLARNA_GATEWAY_CONFIG,
    useFactory: (options: KlarnaModuleOptions) => {
      const config = KlarnaGatewayConfig.from(options);
      if (options.idempotencyStore !== undefined && !isIdempotencyStore(options.idempotencyStore)) {
        throw new InvalidKlarnaOptionsError([{ field: 'idempotencyStore', message: 'must implement begin, complete and release' }]);
      }
      if (options.onIdempotencyStoreError !== undefined && typeof options.onIdempotencyStoreError !== 'function') {
        throw new InvalidKlarnaOptionsError([{ field: 'onIdempotencyStoreError', message: 'must be a function' }]);
      }
      return config;
    },
    inject: [KLARNA_MODULE_OPTIONS],
  },
  { provide: KLARNA_CIRCUIT, useFactory: (config: KlarnaGatewayConfig) => new ProviderCircuit('klarna', 'Klarna', config.circuitBreaker), inject: [KLARNA_GATEWAY_CONFIG] },
  {
    provide: KlarnaCustomerTokenGateway,
    useFactory: (config: KlarnaGatewayConfig, circuit: ProviderCircuit) => new KlarnaCustomerTokenGateway(config, { circuit }),
    inject: [KLARNA_GATEWAY_CONFIG, KLARNA_CIRCUIT],
  },
  { provide: CUSTOMER_TOKEN_GATEWAY, useExisting: KlarnaCustomerTokenGateway },
  {
    provide: IDEMPOTENCY_STORE,
    useFactory: (options: KlarnaModuleOptions, _config: KlarnaGatewayConfig) => options.idempotencyStore ?? new InMemoryIdempotencyStore(),
    inject: [KLARNA_MODULE_OPTIONS, KLARNA_GATEWAY_CONFIG],
  },
  {
    provide: IssueCustomerToken,
    useFactory: (gateway: CustomerTokenGateway, store: IdempotencyStore, options: KlarnaModuleOptions) =>
      new IssueCustomerToken(gateway, store, { onStoreError: options.onIdempotencyStoreError }),
    inject: [CUSTOMER_TOKEN_GATEWAY, IDEMPOTENCY_STORE, KLARNA_MODULE_OPTIONS],
  },
  { provide: ReadCustomerToken, useFactory: (gateway: CustomerTokenGateway) => new ReadCustomerToken(gateway), inject: [CUSTOMER_TOKEN_GATEWAY] },
  { provide: CancelCustomerToken, useFactory: (gateway: CustomerTokenGateway) => new CancelCustomerToken(gateway), inject: [CUSTOMER_TOKEN_GATEWAY] },
];

/**
 * Klarna customer tokens for a Nest application: binds the domain's CustomerTokenGateway port to Klarna
 * and provides the IssueCustomerToken, ReadCustomerToken and CancelCustomerToken use cases.
 * `KlarnaModule.forRoot({ username, password })` or `KlarnaModule.forRootAsync({ inject, useFactory })`.
 * Klarna's circuit breaker is exported under KLARNA_CIRCUIT.
 */
@Module({
  providers,
  exports: [
    KLARNA_MODULE_OPTIONS,
    KLARNA_GATEWAY_CONFIG,
    KLARNA_CIRCUIT,
    KlarnaCustomerTokenGateway,
    CUSTOMER_TOKEN_GATEWAY,
    IDEMPOTENCY_STORE,
    IssueCustomerToken,
    ReadCustomerToken,
    CancelCustomerToken,
  ],
})
export class KlarnaModule extends ConfigurableModuleClass implements OnApplicationShutdown {
  constructor(@Inject(KlarnaCustomerTokenGateway) private readonly gateway: KlarnaCustomerTokenGateway) {
    super();
  }

  /** Ends the gateway's connection pool once the application has stopped taking work. */
  async onApplicationShutdown(): Promise<void> {
    await this.gateway.close();
  }
}

function isIdempotencyStore(value: unknown): value is IdempotencyStore {
  const store = value as Partial<Record<keyof IdempotencyStore, unknown>> | null;
  return typeof store === 'object' && store !== null && ['begin', 'complete', 'release'].every((m) => typeof store[m as keyof IdempotencyStore] === 'function');
}
