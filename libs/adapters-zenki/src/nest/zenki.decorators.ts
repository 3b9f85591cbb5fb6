import { Inject } from '@nestjs/common';
import { ACCESS_TOKEN_CACHE, ACCESS_TOKEN_ISSUER } from '@paytokens/domain';
import { ZENKI_CIRCUIT, ZENKI_RESOLVED_OPTIONS } from './zenki.constants';

/** Injects the Zenki {@link AccessTokenIssuer} (a ZenkiAccessTokenIssuer). */
export const InjectAccessTokenIssuer = () => Inject(ACCESS_TOKEN_ISSUER);

/** Injects the {@link AccessTokenCache} Zenki tokens are kept in. */
export const InjectAccessTokenCache = () => Inject(ACCESS_TOKEN_CACHE);

/** Injects the validated Zenki options ({@link ResolvedZenkiOptions}; the secret stays a Secret). */
export const InjectZenkiOptions = () => Inject(ZENKI_RESOLVED_OPTIONS);
/** Injects Zenki's ProviderCircuit (the circuit breaker around the token fetch), to read its state or follow its changes. */
export const InjectZenkiCircuit = () => Inject(ZENKI_CIRCUIT);
