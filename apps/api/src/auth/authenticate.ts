import { ApiProblemException } from '../problem/api-problem.exception';
import type { ApiKeyRing } from './api-key-ring';
import type { AuthenticatedRequest } from './authenticated-request';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The key in an `Authorization: Bearer <api key>` header, if the header has that form. */
export function presentedApiKey(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
}

/**
 * Lets in a request carrying `Authorization: Bearer <api key>` with one of `keys`: marks it with the key's id
 * and the accounts the key may use; throws a 401 problem otherwise. The one check behind the Nest guard and the
 * Fastify-served Zenki route.
 */
export function authenticate(request: AuthenticatedRequest, keys: ApiKeyRing): void {
  const header = request.headers.authorization;
  if (!header) throw ApiProblemException.unauthenticated('Send your API key as "Authorization: Bearer <api key>".');
  // The rate-limit hook may have verified this same header already (it sets apiKeyId only for a valid key).
  let keyId: string | undefined = request.apiKeyId;
  if (keyId === undefined) {
    const presented = presentedApiKey(header);
    keyId = presented === undefined ? undefined : keys.verify(presented);
  }
  if (keyId === undefined) throw ApiProblemException.unauthenticated('The API key is not valid.');
  request.apiKeyId = keyId;
  request.apiKeyAccounts = keys.accountsOf(keyId);
}
