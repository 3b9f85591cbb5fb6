import type { CustomerTokenGateway } from '../ports/customer-token-gateway.port';
import { assertTokenId } from './token-id';

/** Cancels a customer token for good (providers process it asynchronously). */
export class CancelCustomerToken {
  constructor(private readonly gateway: CustomerTokenGateway) {}

  async execute(tokenId: string): Promise<void> {
    assertTokenId(tokenId);
    return this.gateway.cancel(tokenId);
  }
}
