import type { SessionIntent } from './payment-session-request';

/** A payment method category the shopper may be offered (`pay_later`, `pay_over_time`, ...). */
export interface PaymentMethodCategory {
  identifier: string;
  name?: string;
  /** Logo URLs the provider hosts. */
  assetUrls?: { descriptive?: string; standard?: string };
}

/** Everything known about a payment session; creation and reads fill different parts. */
export interface PaymentSessionProps {
  sessionId: string;
  /** For the shopper's browser widget: not a server credential, but not for logs either. */
  clientToken?: string;
  paymentMethodCategories: PaymentMethodCategory[];
  /** `incomplete` until the shopper authorized, then `complete`. */
  status?: string;
  intent?: SessionIntent | (string & {});
  purchaseCountry?: string;
  purchaseCurrency?: string;
  locale?: string;
  orderAmount?: number;
  orderTaxAmount?: number;
  expiresAt?: string;
}

/** A provider's payment session: what the shopper's checkout widget runs in. */
export class PaymentSession {
  readonly sessionId: string;
  readonly clientToken?: string;
  readonly paymentMethodCategories: PaymentMethodCategory[];
  readonly status?: string;
  readonly intent?: PaymentSessionProps['intent'];
  readonly purchaseCountry?: string;
  readonly purchaseCurrency?: string;
  readonly locale?: string;
  readonly orderAmount?: number;
  readonly orderTaxAmount?: number;
  readonly expiresAt?: string;

  constructor(props: PaymentSessionProps) {
    if (!props.sessionId) throw new TypeError('A payment session needs its sessionId');
    Object.assign(this, props);
    this.sessionId = props.sessionId;
    this.paymentMethodCategories = props.paymentMethodCategories;
  }
}
