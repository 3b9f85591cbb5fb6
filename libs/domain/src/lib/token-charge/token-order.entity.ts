/** The payment method an order was charged to (`card`, `invoice`, `direct_debit`, ...). */
export interface AuthorizedPaymentMethod {
  type: string;
  numberOfDays?: number;
  numberOfInstallments?: number;
}

/** What a charge of a customer token produced. */
export interface TokenOrderProps {
  orderId: string;
  /** The provider's fraud verdict (`ACCEPTED`, `PENDING`, `REJECTED`). */
  fraudStatus: string;
  redirectUrl?: string;
  authorizedPaymentMethod?: AuthorizedPaymentMethod;
}

/** An order placed by charging a customer token. */
export class TokenOrder {
  readonly orderId: string;
  readonly fraudStatus: string;
  readonly redirectUrl?: string;
  readonly authorizedPaymentMethod?: AuthorizedPaymentMethod;

  constructor(props: TokenOrderProps) {
    if (!props.orderId) throw new TypeError('A token order needs its orderId');
    this.orderId = props.orderId;
    this.fraudStatus = props.fraudStatus;
    this.redirectUrl = props.redirectUrl;
    this.authorizedPaymentMethod = props.authorizedPaymentMethod;
  }

  /** A plain copy of the props without the absent ones, e.g. for an idempotency record. */
  toProps(): TokenOrderProps {
    const props: TokenOrderProps = { orderId: this.orderId, fraudStatus: this.fraudStatus };
    if (this.redirectUrl !== undefined) props.redirectUrl = this.redirectUrl;
    if (this.authorizedPaymentMethod !== undefined) props.authorizedPaymentMethod = this.authorizedPaymentMethod;
    return props;
  }
}
