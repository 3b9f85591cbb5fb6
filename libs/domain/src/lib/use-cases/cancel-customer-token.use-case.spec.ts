import type { CustomerTokenRequest } from '../customer-token-request/customer-token-request';
import type { CustomerToken } from '../entities/customer-token.entity';
import { RejectedError, ValidationError } from '../errors/errors';
import type { CustomerTokenGateway } from '../ports/customer-token-gateway.port';
import { CancelCustomerToken } from './cancel-customer-token.use-case';

/** Records what reaches the provider; a cancel of "cancelled" is refused as the provider would. */
class RecordingGateway implements CustomerTokenGateway {
  readonly provider = 'fake';
  readonly calls: string[] = [];

  async create(_request: CustomerTokenRequest): Promise<CustomerToken> {
    this.calls.push('create');
    throw new Error('not used here');
  }

  async read(tokenId: string): Promise<CustomerToken> {
    this.calls.push(`read ${tokenId}`);
    throw new Error('not used here');
  }

  async cancel(tokenId: string): Promise<void> {
    this.calls.push(`cancel ${tokenId}`);
    if (tokenId === 'cancelled')
      throw new RejectedError('Token already cancelled', { provider: this.provider, providerCode: 'TOKEN_CANCELLED' });
  }
}

const BAD_IDS: [string, unknown][] = [
  ['empty', ''],
  ['a slash', 'abc/def'],
  ['only a slash', '/'],
  ['256 characters', 'a'.repeat(256)],
  ['a dot segment', '.'],
  ['a double-dot segment', '..'],
  ['a space', 'abc def'],
  ['a query', 'abc?x=1'],
  ['a percent escape', '%2e%2e'],
  ['not a string', 42],
];
const GOOD_ID = 'f5ae6c1b-37d8-4c3b-9a6c-0bd0d5b4c2a1';

describe('CancelCustomerToken', () => {
  it('cancels the token at the gateway', async () => {
    const gateway = new RecordingGateway();
    await new CancelCustomerToken(gateway).execute(GOOD_ID);
    expect(gateway.calls).toEqual([`cancel ${GOOD_ID}`]);
  });

  it("passes the gateway's errors through", async () => {
    await expect(new CancelCustomerToken(new RecordingGateway()).execute('cancelled')).rejects.toMatchObject({
      code: 'REJECTED',
      providerCode: 'TOKEN_CANCELLED',
    });
  });

  it.each(BAD_IDS)('refuses an id that is %s without calling the gateway', async (_label, tokenId) => {
    const gateway = new RecordingGateway();
    await expect(new CancelCustomerToken(gateway).execute(tokenId as string)).rejects.toBeInstanceOf(ValidationError);
    expect(gateway.calls).toEqual([]);
  });
});
