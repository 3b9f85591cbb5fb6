import { ManualClock } from '../clock/manual-clock';
import { CustomerTokenRequest, type CustomerTokenRequestInput } from '../customer-token-request/customer-token-request';
import { CustomerToken } from '../entities/customer-token.entity';
import {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  ProviderUnavailableError,
  StoreUnavailableError,
  ValidationError,
} from '../errors/errors';
import { InMemoryIdempotencyStore } from '../in-memory/in-memory-idempotency-store';
import type { CustomerTokenGateway } from '../ports/customer-token-gateway.port';
import type { IdempotencyBegin, IdempotencyStore, JsonValue } from '../ports/idempotency-store.port';
import { IssueCustomerToken } from './issue-customer-token.use-case';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets all pending promise callbacks run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Records every create; answers with a new token each time, unless told to hold or fail the next one. */
class RecordingGateway implements CustomerTokenGateway {
  readonly created: CustomerTokenRequest[] = [];
  private held?: Deferred<void>;
  private failure?: unknown;

  constructor(readonly provider = 'fake') {}

  /** The next create waits until the returned deferred is resolved (or fails with its rejection). */
  holdNext(): Deferred<void> {
    this.held = deferred<void>();
    return this.held;
  }

  failNext(error: unknown): void {
    this.failure = error;
  }

  async create(request: CustomerTokenRequest): Promise<CustomerToken> {
    this.created.push(request);
    const n = this.created.length;
    const held = this.held;
    this.held = undefined;
    if (held) await held.promise;
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
    return new CustomerToken({
      tokenId: `token-${n}`,
      status: 'ACTIVE',
      paymentMethodType: 'CARD',
      card: { brand: 'VISA', expiryDate: '12/30', maskedNumber: '************1111' },
    });
  }

  async read(): Promise<CustomerToken> {
    throw new Error('not used here');
  }

  async cancel(): Promise<void> {
    throw new Error('not used here');
  }
}

/** A store whose chosen operations fail, to show how the use case behaves when the store is down. */
class FailingStore implements IdempotencyStore {
  readonly inner: InMemoryIdempotencyStore;
  constructor(
    clock: ManualClock,
    private readonly failing: ReadonlySet<'begin' | 'complete' | 'release'>,
    readonly failure = new Error('connection refused'),
  ) {
    this.inner = new InMemoryIdempotencyStore(clock);
  }

  begin<T extends JsonValue>(key: string, fingerprint: string, ttl: number, claim?: string): Promise<IdempotencyBegin<T>> {
    return this.failing.has('begin') ? Promise.reject(this.failure) : this.inner.begin<T>(key, fingerprint, ttl, claim);
  }

  complete(key: string, fingerprint: string, result: JsonValue, ttl: number): Promise<void> {
    return this.failing.has('complete') ? Promise.reject(this.failure) : this.inner.complete(key, fingerprint, result, ttl);
  }

  release(key: string, fingerprint: string, claim?: string): Promise<void> {
    return this.failing.has('release') ? Promise.reject(this.failure) : this.inner.release(key, fingerprint, claim);
  }
}

/** A stalled store: `begin` writes its claim only after the caller gave up on it (a timed-out command run late). */
class LateWritingStore implements IdempotencyStore {
  constructor(readonly inner: InMemoryIdempotencyStore) {}

  async begin<T extends JsonValue>(key: string, fingerprint: string, ttl: number, claim?: string): Promise<IdempotencyBegin<T>> {
    if (!this.stalled) return this.inner.begin<T>(key, fingerprint, ttl, claim);
    // Queued like a Redis command behind the stall: it runs, but the caller has already been told it timed out.
    this.pending.push(() => this.inner.begin<T>(key, fingerprint, ttl, claim));
    throw new Error('Command timed out');
  }

  complete(key: string, fingerprint: string, result: JsonValue, ttl: number): Promise<void> {
    return this.enqueue(() => this.inner.complete(key, fingerprint, result, ttl));
  }

  release(key: string, fingerprint: string, claim?: string): Promise<void> {
    return this.enqueue(() => this.inner.release(key, fingerprint, claim));
  }

  /** The stall ends: queued commands run in the order they were sent. */
  async recover(): Promise<void> {
    this.stalled = false;
    for (const run of this.pending.splice(0)) await run();
  }

  stalled = true;
  private readonly pending: (() => Promise<unknown>)[] = [];

  private async enqueue(run: () => Promise<unknown>): Promise<void> {
    if (!this.stalled) {
      await run();
      return;
    }
    this.pending.push(run);
  }
}

const baseInput: CustomerTokenRequestInput = {
  authorizationToken: 'b4bd3423-24e3-4b6c-a7d6-0f1e2c3b4a5d',
  purchaseCountry: 'GB',
  purchaseCurrency: 'GBP',
  locale: 'en-GB',
  description: 'Monthly coffee subscription',
  intendedUse: 'SUBSCRIPTION',
  billingAddress: { givenName: 'Jane', familyName: 'Doe', country: 'GB' },
};
const request = CustomerTokenRequest.create(baseInput);
const otherRequest = CustomerTokenRequest.create({ ...baseInput, description: 'Weekly coffee subscription' });

describe('IssueCustomerToken', () => {
  let clock: ManualClock;
  let store: InMemoryIdempotencyStore;
  let gateway: RecordingGateway;
  let useCase: IssueCustomerToken;

  beforeEach(() => {
    clock = new ManualClock();
    store = new InMemoryIdempotencyStore(clock);
    gateway = new RecordingGateway();
    useCase = new IssueCustomerToken(gateway, store);
  });

  it('without a key calls the gateway every time and never touches the store', async () => {
    const downStore = new FailingStore(clock, new Set(['begin', 'complete', 'release'] as const));
    const noStore = new IssueCustomerToken(gateway, downStore);
    const first = await noStore.execute(request);
    const second = await noStore.execute(request);
    expect(first).toEqual({ token: expect.any(CustomerToken), replayed: false });
    expect(first.token.tokenId).toBe('token-1');
    expect(second.token.tokenId).toBe('token-2');
    expect(gateway.created).toEqual([request, request]);
  });

  it('with a new key creates the token', async () => {
    const result = await useCase.execute(request, { idempotencyKey: 'order-1' });
    expect(result.replayed).toBe(false);
    expect(result.token.tokenId).toBe('token-1');
    expect(gateway.created).toHaveLength(1);
  });

  it('replays the stored answer for the same key and request, without a second provider call', async () => {
    const first = await useCase.execute(request, { idempotencyKey: 'order-1' });
    const sameRequest = CustomerTokenRequest.create({ ...baseInput });
    const second = await useCase.execute(sameRequest, { idempotencyKey: 'order-1' });
    expect(second.replayed).toBe(true);
    expect(second.token).toBeInstanceOf(CustomerToken);
    // A replay answers the creation answer's fields (this fake also adds card details, which a creation never returns).
    expect(second.token.toProps()).toEqual({ tokenId: first.token.tokenId, status: first.token.status });
    expect(gateway.created).toHaveLength(1);
  });

  it('keeps two accounts sharing one store apart: the same key under each is two operations', async () => {
    const eu = new IssueCustomerToken(gateway, store, { account: 'eu' });
    const na = new IssueCustomerToken(gateway, store, { account: 'na' });
    const first = await eu.execute(request, { idempotencyKey: 'order-1' });
    const second = await na.execute(otherRequest, { idempotencyKey: 'order-1' });
    expect(second.replayed).toBe(false);
    expect(second.token.tokenId).not.toBe(first.token.tokenId);
    expect((await eu.execute(request, { idempotencyKey: 'order-1' })).replayed).toBe(true);
  });

  it('refuses the same key with a different request', async () => {
    await useCase.execute(request, { idempotencyKey: 'order-1' });
    await expect(useCase.execute(otherRequest, { idempotencyKey: 'order-1' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(gateway.created).toHaveLength(1);
  });

  it('tells a concurrent caller with the same key to retry later while the first is in flight', async () => {
    const held = gateway.holdNext();
    const first = useCase.execute(request, { idempotencyKey: 'order-1' });
    await flush();
    const error = await useCase.execute(request, { idempotencyKey: 'order-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyInProgressError);
    expect((error as IdempotencyInProgressError).retryAfterSeconds).toBeGreaterThan(0);
    held.resolve();
    expect((await first).token.tokenId).toBe('token-1');
    expect((await useCase.execute(request, { idempotencyKey: 'order-1' })).replayed).toBe(true);
    expect(gateway.created).toHaveLength(1);
  });

  it('frees the key when the provider call fails, so a retry with the same key calls the provider again', async () => {
    const failure = new ProviderUnavailableError('Klarna is down', { provider: 'fake' });
    gateway.failNext(failure);
    await expect(useCase.execute(request, { idempotencyKey: 'order-1' })).rejects.toBe(failure);
    const retry = await useCase.execute(request, { idempotencyKey: 'order-1' });
    expect(retry).toMatchObject({ replayed: false, token: { tokenId: 'token-2' } });
    expect(gateway.created).toHaveLength(2);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['non-ASCII', 'clé-1'],
    ['a control character', 'key\n1'],
  ])('refuses a key that is %s without touching the provider', async (_label, idempotencyKey) => {
    const error = await useCase.execute(request, { idempotencyKey }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ field: 'idempotencyKey', message: expect.any(String) }]);
    expect(gateway.created).toHaveLength(0);
  });

  it('accepts a key of 255 printable characters', async () => {
    await expect(useCase.execute(request, { idempotencyKey: '~'.repeat(255) })).resolves.toMatchObject({ replayed: false });
  });

  it('fails closed with StoreUnavailableError when the store cannot begin, never calling the provider', async () => {
    const downStore = new FailingStore(clock, new Set(['begin'] as const));
    const error = await new IssueCustomerToken(gateway, downStore).execute(request, { idempotencyKey: 'order-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: downStore.failure });
    expect((error as StoreUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
    expect(gateway.created).toHaveLength(0);
  });

  it('still returns the token when the store cannot complete, and reports the store error', async () => {
    const downStore = new FailingStore(clock, new Set(['complete'] as const));
    const onStoreError = jest.fn();
    const result = await new IssueCustomerToken(gateway, downStore, { onStoreError }).execute(request, { idempotencyKey: 'order-1' });
    expect(result).toMatchObject({ replayed: false, token: { tokenId: 'token-1' } });
    expect(onStoreError).toHaveBeenCalledTimes(1);
    expect(onStoreError).toHaveBeenCalledWith('complete', downStore.failure);
  });

  it('rethrows the provider error when the store cannot release, and reports the store error', async () => {
    const downStore = new FailingStore(clock, new Set(['release'] as const));
    const onStoreError = jest.fn();
    const failure = new ProviderUnavailableError('Klarna is down');
    gateway.failNext(failure);
    await expect(new IssueCustomerToken(gateway, downStore, { onStoreError }).execute(request, { idempotencyKey: 'order-1' })).rejects.toBe(
      failure,
    );
    expect(onStoreError).toHaveBeenCalledWith('release', downStore.failure);
  });

  it('keeps callers with different scopes apart, even with the same key', async () => {
    const a = await useCase.execute(request, { idempotencyKey: 'order-1', idempotencyScope: 'api-key-a' });
    const b = await useCase.execute(otherRequest, { idempotencyKey: 'order-1', idempotencyScope: 'api-key-b' });
    const noScope = await useCase.execute(request, { idempotencyKey: 'order-1' });
    expect([a.replayed, b.replayed, noScope.replayed]).toEqual([false, false, false]);
    expect(gateway.created).toHaveLength(3);
    const againA = await useCase.execute(request, { idempotencyKey: 'order-1', idempotencyScope: 'api-key-a' });
    expect(againA).toMatchObject({ replayed: true, token: { tokenId: a.token.tokenId } });
    expect(gateway.created).toHaveLength(3);
  });

  it('keeps providers apart on a shared store', async () => {
    const other = new RecordingGateway('other');
    await useCase.execute(request, { idempotencyKey: 'order-1' });
    const result = await new IssueCustomerToken(other, store).execute(request, { idempotencyKey: 'order-1' });
    expect(result.replayed).toBe(false);
    expect(other.created).toHaveLength(1);
  });

  it('keeps records for recordTtlMs and unfinished claims for inProgressTtlMs', async () => {
    const shortLived = new IssueCustomerToken(gateway, store, { recordTtlMs: 10_000, inProgressTtlMs: 1_000 });
    await shortLived.execute(request, { idempotencyKey: 'order-1' });
    clock.advance(9_999);
    expect((await shortLived.execute(request, { idempotencyKey: 'order-1' })).replayed).toBe(true);
    clock.advance(1);
    expect((await shortLived.execute(request, { idempotencyKey: 'order-1' })).replayed).toBe(false);

    const held = gateway.holdNext();
    const stuck = shortLived.execute(request, { idempotencyKey: 'order-2' });
    await flush();
    clock.advance(1_000);
    expect((await shortLived.execute(request, { idempotencyKey: 'order-2' })).replayed).toBe(false);
    held.resolve();
    await stuck;
  });

  it('stores no secret in the idempotency record', async () => {
    const completed: JsonValue[] = [];
    const spyStore = new FailingStore(clock, new Set());
    const complete = spyStore.complete.bind(spyStore);
    spyStore.complete = (key, fingerprint, result, ttl) => {
      completed.push(key, fingerprint, result);
      return complete(key, fingerprint, result, ttl);
    };
    await new IssueCustomerToken(gateway, spyStore).execute(request, { idempotencyKey: 'order-1' });
    expect(JSON.stringify(completed)).not.toContain('b4bd3423');
    expect(JSON.stringify(completed)).not.toContain('order-1');
  });

  it('keeps only what the creation answer replays in the record, and the replay answers the same fields', async () => {
    const completed: JsonValue[] = [];
    const spyStore = new FailingStore(clock, new Set());
    const complete = spyStore.complete.bind(spyStore);
    spyStore.complete = (key, fingerprint, result, ttl) => {
      completed.push(result);
      return complete(key, fingerprint, result, ttl);
    };
    const issuer = new IssueCustomerToken(gateway, spyStore);
    await issuer.execute(request, { idempotencyKey: 'order-fields' });
    // The gateway's token also holds card details and a payment method type: a creation answer does not carry them.
    expect(completed).toEqual([{ tokenId: 'token-1', status: 'ACTIVE' }]);
    const replay = await issuer.execute(request, { idempotencyKey: 'order-fields' });
    expect(replay.replayed).toBe(true);
    expect(replay.token.toProps()).toEqual({ tokenId: 'token-1', status: 'ACTIVE' });
  });

  it('fences a claim whose write timed out: once the store recovers, the retry goes ahead and makes exactly one token', async () => {
    const stalled = new LateWritingStore(store);
    const overStalled = new IssueCustomerToken(gateway, stalled);
    await expect(overStalled.execute(request, { idempotencyKey: 'order-stall' })).rejects.toBeInstanceOf(StoreUnavailableError);
    await stalled.recover();
    // Today's store would hold the late claim for inProgressTtlMs (2 minutes) and answer "in progress".
    const retried = await overStalled.execute(request, { idempotencyKey: 'order-stall' });
    expect(retried).toEqual({ token: expect.any(CustomerToken), replayed: false });
    const again = await overStalled.execute(request, { idempotencyKey: 'order-stall' });
    expect(again.replayed).toBe(true);
    expect(again.token.tokenId).toBe(retried.token.tokenId);
    expect(gateway.created).toHaveLength(1);
  });
});
