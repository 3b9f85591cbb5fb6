import type { FastifyRequest } from 'fastify';

/** A request the API-key guard let in, with the stable id of the key it presented. */
export interface AuthenticatedRequest extends FastifyRequest {
  apiKeyId: string;
  /** The provider accounts the key may use; undefined: every account. */
  apiKeyAccounts?: ReadonlySet<string>;
}
