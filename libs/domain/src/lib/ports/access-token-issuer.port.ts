import type { AccessToken } from '../entities/access-token.entity';

/** A provider's token endpoint: each call fetches a brand-new access token. */
export interface AccessTokenIssuer {
  /** Which provider this is (`zenki`), for errors and metrics. */
  readonly provider: string;
  /** Fetches a new token; throws the domain's errors on failure. */
  issue(): Promise<AccessToken>;
}
