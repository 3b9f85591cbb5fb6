import type { CustomerToken } from '../entities/customer-token.entity';
import type { CustomerTokenGateway } from '../ports/customer-token-gateway.port';
import { assertTokenId } from './token-id';

/** Reads a customer token's status and payment method from its provider. */
export class ReadCustomerToken {
  constructor(private readonly gateway: CustomerTokenGateway) {}

  async execute(tokenId: string): Promise<CustomerToken> {
    assertTokenId(tokenId);
    return this.gateway.read(tokenId);
  }
}
