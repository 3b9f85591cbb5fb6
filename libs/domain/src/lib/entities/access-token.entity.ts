import { Secret } from '../value-objects/secret';

/** The storable form of an access token (e.g. in a shared cache). Holds the secret in clear. */
export interface AccessTokenRecord {
  value: string;
  tokenType: string;
  /** Epoch milliseconds. */
  issuedAt: number;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** A bearer token a provider issued to us, with its lifetime. The value is a {@link Secret}. */
export class AccessToken {
  readonly value: Secret;
  readonly tokenType: string;
  readonly issuedAt: number;
  readonly expiresAt: number;

  constructor(props: { value: string | Secret; tokenType: string; issuedAt: number; expiresAt: number }) {
    if (!(props.expiresAt > props.issuedAt)) throw new RangeError('An access token must expire after it was issued');
    this.value = Secret.of(props.value);
    this.tokenType = props.tokenType;
    this.issuedAt = props.issuedAt;
    this.expiresAt = props.expiresAt;
  }

  /** A token issued at `issuedAt` that lives `expiresInSeconds`. */
  static issued(value: string | Secret, tokenType: string, issuedAt: number, expiresInSeconds: number): AccessToken {
    return new AccessToken({ value, tokenType, issuedAt, expiresAt: issuedAt + expiresInSeconds * 1000 });
  }

  /** Rebuilds a token from its stored form; `undefined` when the record is malformed. */
  static fromRecord(record: unknown): AccessToken | undefined {
    const r = record as Partial<AccessTokenRecord> | null;
    if (!r || typeof r.value !== 'string' || !r.value || typeof r.tokenType !== 'string') return undefined;
    const { issuedAt, expiresAt } = r;
    if (typeof issuedAt !== 'number' || typeof expiresAt !== 'number') return undefined;
    if (!Number.isFinite(issuedAt) || !Number.isFinite(expiresAt) || expiresAt <= issuedAt) return undefined;
    return new AccessToken({ value: r.value, tokenType: r.tokenType, issuedAt, expiresAt });
  }

  /** How long the provider let it live, in milliseconds. */
  get lifetimeMs(): number {
    return this.expiresAt - this.issuedAt;
  }

  /** True while more than `skewMs` of its life is left at `now`. */
  isFreshAt(now: number, skewMs: number): boolean {
    return now < this.expiresAt - skewMs;
  }

  /** Whole seconds left at `now` (never negative). */
  expiresInSecondsAt(now: number): number {
    return Math.max(0, Math.floor((this.expiresAt - now) / 1000));
  }

  /** The storable form. Reveals the value: only for a cache the operator controls. */
  toRecord(): AccessTokenRecord {
    return { value: this.value.reveal(), tokenType: this.tokenType, issuedAt: this.issuedAt, expiresAt: this.expiresAt };
  }

  /** Secret-free form for logs. */
  toJSON(): Record<string, unknown> {
    return { value: this.value.toJSON(), tokenType: this.tokenType, issuedAt: this.issuedAt, expiresAt: this.expiresAt };
  }
}
