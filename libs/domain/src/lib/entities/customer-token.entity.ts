import type { Address, Customer } from '../customer-token-request/party';

/** Lifecycle states of a customer token. Only ACTIVE tokens can be charged. */
export const CustomerTokenStatus = {
  Active: 'ACTIVE',
  Cancelled: 'CANCELLED',
  Suspended: 'SUSPENDED',
} as const;
/** One of {@link CustomerTokenStatus}; providers may add states, kept as given. */
export type CustomerTokenStatus = (typeof CustomerTokenStatus)[keyof typeof CustomerTokenStatus] | (string & {});

/** Masked card details a provider shares about a token's payment method. */
export interface CardDetails {
  brand: string;
  expiryDate: string;
  maskedNumber: string;
}

/** Masked bank account details of a direct-debit token. */
export interface DirectDebitDetails {
  maskedNumber: string;
}

/** Everything known about a customer token; creation and reads fill different parts. */
export interface CustomerTokenProps {
  tokenId: string;
  status: CustomerTokenStatus;
  redirectUrl?: string;
  paymentMethodReference?: string;
  paymentMethodType?: string;
  billingAddress?: Address;
  customer?: Customer;
  card?: CardDetails;
  directDebit?: DirectDebitDetails;
}

/** A provider's customer token: the handle for charging a customer again without them present. */
export class CustomerToken {
  readonly tokenId: string;
  readonly status: CustomerTokenStatus;
  readonly redirectUrl?: string;
  readonly paymentMethodReference?: string;
  readonly paymentMethodType?: string;
  readonly billingAddress?: Address;
  readonly customer?: Customer;
  readonly card?: CardDetails;
  readonly directDebit?: DirectDebitDetails;

  constructor(props: CustomerTokenProps) {
    if (!props.tokenId) throw new TypeError('A customer token needs its tokenId');
    Object.assign(this, props);
    this.tokenId = props.tokenId;
    this.status = props.status;
  }

  /** True while the token can be charged. */
  get isActive(): boolean {
    return this.status === CustomerTokenStatus.Active;
  }

  /** A plain copy of the props, e.g. for an idempotency record. */
  toProps(): CustomerTokenProps {
    return Object.fromEntries(Object.entries(this).filter(([, v]) => v !== undefined)) as unknown as CustomerTokenProps;
  }
}
