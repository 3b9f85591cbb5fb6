import { Inject } from '@nestjs/common';
import { CUSTOMER_TOKEN_GATEWAY } from '@paytokens/domain';
import { KLARNA_CIRCUIT, KLARNA_MODULE_OPTIONS } from './klarna.constants';

/** Injects the CustomerTokenGateway port, bound by KlarnaModule to the KlarnaCustomerTokenGateway. */
export const InjectCustomerTokenGateway = (): ParameterDecorator & PropertyDecorator => Inject(CUSTOMER_TOKEN_GATEWAY);

/** Injects the KlarnaModuleOptions as given to forRoot / forRootAsync (the password included: do not log them). */
export const InjectKlarnaOptions = (): ParameterDecorator & PropertyDecorator => Inject(KLARNA_MODULE_OPTIONS);

/** Injects Klarna's ProviderCircuit (the circuit breaker), to read its state or follow its changes. */
export const InjectKlarnaCircuit = (): ParameterDecorator & PropertyDecorator => Inject(KLARNA_CIRCUIT);
