import type {
  CancelAuthorization,
  CreatePaymentSession,
  PaymentSession,
  PaymentSessionRequest,
  ReadPaymentSession,
  Secret,
} from '@paytokens/domain';
import type { KlarnaServices } from './create-klarna';

/** One Klarna account's payment sessions: what a consumer injects with `@InjectKlarnaPaymentSessions(account)`. */
export class KlarnaPaymentSessions {
  /** The account these sessions belong to. */
  readonly account: string;
  private readonly creator: CreatePaymentSession;
  private readonly reader: ReadPaymentSession;
  private readonly canceller: CancelAuthorization;

  constructor(services: Pick<KlarnaServices, 'account' | 'createSession' | 'readSession' | 'cancelAuthorization'>) {
    this.account = services.account;
    this.creator = services.createSession;
    this.reader = services.readSession;
    this.canceller = services.cancelAuthorization;
  }

  /** Opens a session; its client token goes to the shopper's browser widget. */
  create(request: PaymentSessionRequest): Promise<PaymentSession> {
    return this.creator.execute(request);
  }

  /** Reads a session (status `complete` once the shopper authorized). */
  read(sessionId: string): Promise<PaymentSession> {
    return this.reader.execute(sessionId);
  }

  /** Releases an authorization that will not be used (an abandoned checkout). */
  cancelAuthorization(authorizationToken: string | Secret): Promise<void> {
    return this.canceller.execute(authorizationToken);
  }
}
