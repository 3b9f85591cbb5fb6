import type { CustomerTokenRequest } from '../customer-token-request/customer-token-request';
import type { CustomerToken } from '../entities/customer-token.entity';

/**
 * A provider that issues customer tokens. Implementations throw the domain's errors
 * (ValidationError, NotFoundError, RejectedError, ProviderUnavailableError, ...), never transport errors.
 */
export interface CustomerTokenGateway {
  /** Which provider this is (`klarna`), for errors and metrics. */
  readonly provider: string;
  /** Turns a fresh authorization into a token. Consumes the authorization: never retried blindly. */
  create(request: CustomerTokenRequest): Promise<CustomerToken>;
  /** Reads a token's current status and payment method. */
  read(tokenId: string): Promise<CustomerToken>;
  /** Cancels a token for good; providers process it asynchronously. */
  cancel(tokenId: string): Promise<void>;
}
