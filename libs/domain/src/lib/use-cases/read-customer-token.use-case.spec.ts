import type { CustomerTokenRequest } from '../customer-token-request/customer-token-request';
import { CustomerToken } from '../entities/customer-token.entity';
import { NotFoundError, ValidationError } from '../errors/errors';
import type { CustomerTokenGateway } from '../ports/customer-token-gateway.port';
import { ReadCustomerToken } from './read-customer-token.use-case';

/** Records what reaches the provider; answers every read with an active token. */
class RecordingGateway implements CustomerTokenGateway {
  readonly provider = 'fake';
  readonly calls: string[] = [];

  async create(_request: CustomerTokenRequest): Promise<CustomerToken> {
    this.calls.push('create');
    throw new Error('not used here');
  }

  async read(tokenId: string): Promise<CustomerToken> {
    this.calls.push(`read ${tokenId}`);
    if (tokenId === 'gone') throw new NotFoundError('No such token', { provider: this.provider });
    return new CustomerToken({ tokenId, status: 'ACTIVE' });
  }

  async cancel(tokenId: string): Promise<void> {
    this.calls.push(`cancel ${tokenId}`);
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

describe('ReadCustomerToken', () => {
  it('reads the token from the gateway', async () => {
    const gateway = new RecordingGateway();
    const token = await new ReadCustomerToken(gateway).execute(GOOD_ID);
    expect(token.tokenId).toBe(GOOD_ID);
    expect(gateway.calls).toEqual([`read ${GOOD_ID}`]);
  });

  it('accepts ids of 255 characters and with dots inside', async () => {
    const gateway = new RecordingGateway();
    await new ReadCustomerToken(gateway).execute('a'.repeat(255));
    await new ReadCustomerToken(gateway).execute('a.b_c~d-e...');
    expect(gateway.calls).toHaveLength(2);
  });

  it("passes the gateway's errors through", async () => {
    await expect(new ReadCustomerToken(new RecordingGateway()).execute('gone')).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each(BAD_IDS)('refuses an id that is %s without calling the gateway', async (_label, tokenId) => {
    const gateway = new RecordingGateway();
    await expect(new ReadCustomerToken(gateway).execute(tokenId as string)).rejects.toMatchObject({
      constructor: ValidationError,
      errors: [{ field: 'tokenId', message: expect.any(String) }],
    });
    expect(gateway.calls).toEqual([]);
  });
});
