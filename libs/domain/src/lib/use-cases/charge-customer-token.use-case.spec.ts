import { ManualClock } from '../clock/manual-clock';
import { IdempotencyInProgressError, IdempotencyKeyReusedError, ProviderTimeoutError, ValidationError } from '../errors/errors';
import { ChargeRetryableError } from '../errors/provider-refusals';
import { InMemoryIdempotencyStore } from '../in-memory/in-memory-idempotency-store';
import type { CustomerTokenOrderGateway } from '../ports/customer-token-order-gateway.port';
import { TokenChargeRequest, type TokenChargeRequestInput } from '../token-charge/token-charge-request';
import { TokenOrder } from '../token-charge/token-order.entity';
import { ChargeCustomerToken, providerIdempotencyKey } from './charge-customer-token.use-case';
import { sha256Hex } from './idempotent-operation';

const input: TokenChargeRequestInput = {
  tokenId: 'tok-1',
  purchaseCurrency: 'GBP',
  orderAmount: 1000,
  orderTaxAmount: 0,
  orderLines: [{ name: 'Month', quantity: 1, unitPrice: 1000, totalAmount: 1000 }],
};
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A provider that deduplicates by key as Klarna does, and can lose answers after placing the order. */
class DeduplicatingGateway implements CustomerTokenOrderGateway {
  readonly provider = 'test';
  readonly account = 'eu';
  readonly keys: string[] = [];
  readonly orders = new Map<string, TokenOrder>();
  loseAnswers = 0;
  failWith?: Error;
  pending?: Promise<void>;

  async createOrder(_request: TokenChargeRequest, key: string): Promise<TokenOrder> {
    this.keys.push(key);
    await this.pending;
    if (this.failWith) throw this.failWith;
    const order = this.orders.get(key) ?? new TokenOrder({ orderId: `order-${this.orders.size + 1}`, fraudStatus: 'ACCEPTED' });
    this.orders.set(key, order);
    if (this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      throw new ProviderTimeoutError('answer lost', { provider: 'test' });
    }
    return order;
  }
}

describe('ChargeCustomerToken', () => {
  let gateway: DeduplicatingGateway;
  let useCase: ChargeCustomerToken;
  const request = TokenChargeRequest.create(input);

  beforeEach(() => {
    gateway = new DeduplicatingGateway();
    useCase = new ChargeCustomerToken(gateway, new InMemoryIdempotencyStore(new ManualClock()));
  });

  it('requires an idempotency key, and a well-formed one', async () => {
    await expect(useCase.execute(request, {} as never)).rejects.toMatchObject({
      errors: [{ field: 'idempotencyKey', message: 'is required to charge a token' }],
    });
    await expect(useCase.execute(request, { idempotencyKey: '' })).rejects.toBeInstanceOf(ValidationError);
    expect(gateway.keys).toEqual([]);
  });

  it('replays the stored order for the same key and request, without a second provider call', async () => {
    const first = await useCase.execute(request, { idempotencyKey: 'renewal-2026-07' });
    const second = await useCase.execute(request, { idempotencyKey: 'renewal-2026-07' });
    expect(first).toEqual({ order: expect.objectContaining({ orderId: 'order-1' }), replayed: false });
    expect(second.replayed).toBe(true);
    expect(second.order).toBeInstanceOf(TokenOrder);
    expect(second.order.toProps()).toEqual(first.order.toProps());
    expect(gateway.keys).toHaveLength(1);
  });

  it('refuses the same key for another charge, and tells a concurrent caller to wait', async () => {
    await useCase.execute(request, { idempotencyKey: 'k1' });
    await expect(
      useCase.execute(
        TokenChargeRequest.create({
          ...input,
          orderAmount: 2000,
          orderLines: [{ name: 'Month', quantity: 2, unitPrice: 1000, totalAmount: 2000 }],
        }),
        { idempotencyKey: 'k1' },
      ),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);

    let release!: () => void;
    gateway.pending = new Promise((resolve) => (release = resolve));
    const running = useCase.execute(request, { idempotencyKey: 'k2' });
    await expect(useCase.execute(request, { idempotencyKey: 'k2' })).rejects.toBeInstanceOf(IdempotencyInProgressError);
    release();
    await expect(running).resolves.toMatchObject({ replayed: false });
  });

  it('sends a UUIDv5 provider key derived from account, scope and key: the same on every attempt, different across scopes', async () => {
    await useCase.execute(request, { idempotencyKey: 'k', idempotencyScope: 'api-key-a' });
    await useCase.execute(request, { idempotencyKey: 'k', idempotencyScope: 'api-key-b' });
    expect(gateway.keys[0]).toMatch(UUID_V5);
    expect(gateway.keys[0]).toBe(providerIdempotencyKey('eu', 'api-key-a\nk'));
    expect(gateway.keys[1]).not.toBe(gateway.keys[0]);
    expect(providerIdempotencyKey('na', 'api-key-a\nk')).not.toBe(gateway.keys[0]);
  });

  // Klarna deduplicates by this key across deploys: a retry sent by the next version must carry the same one.
  it('derives the same provider keys and record keys as every earlier version', () => {
    expect(providerIdempotencyKey('eu', 'api-key-a\nk')).toBe('dac96158-57b3-5c88-ab95-09d5d17671bc');
    expect(providerIdempotencyKey('default', '\nrenewal-2026-11 é')).toBe('be7785d7-fa05-5628-9efd-396bc5945368');
    // The same holds for the stored records' keys and fingerprints (SHA-256, hex).
    expect(sha256Hex('scope\nkey é')).toBe('0f503d57359b47e53200d9aecbbec2929bb419626441731fe2ea8e1c95626186');
  });

  it('retries once with the same provider key after a lost answer, so the caller gets the one order', async () => {
    gateway.loseAnswers = 1;
    const { order } = await useCase.execute(request, { idempotencyKey: 'lost-once' });
    expect(gateway.keys).toHaveLength(2);
    expect(gateway.keys[1]).toBe(gateway.keys[0]);
    expect(gateway.orders.size).toBe(1);
    expect(order.orderId).toBe('order-1');
  });

  it('gives up after the one retry and frees the key, so a later retry reaches the same provider order', async () => {
    gateway.loseAnswers = 2;
    await expect(useCase.execute(request, { idempotencyKey: 'lost-twice' })).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(gateway.keys).toHaveLength(2);
    const retried = await useCase.execute(request, { idempotencyKey: 'lost-twice' });
    expect(retried.order.orderId).toBe('order-1');
    expect(gateway.orders.size).toBe(1);
  });

  it('does not retry a refusal', async () => {
    gateway.failWith = new ChargeRetryableError({ provider: 'test', providerCode: 'PAYMENT_METHOD_FAILED' });
    await expect(useCase.execute(request, { idempotencyKey: 'refused' })).rejects.toBeInstanceOf(ChargeRetryableError);
    expect(gateway.keys).toHaveLength(1);
  });
});
