import type {
  CancelCustomerToken,
  CustomerToken,
  CustomerTokenRequest,
  IssueCustomerToken,
  IssueCustomerTokenOptions,
  IssuedCustomerToken,
  ReadCustomerToken,
} from '@paytokens/domain';
import type { KlarnaServices } from './create-klarna';

/** One Klarna account's customer tokens: what a consumer injects with `@InjectKlarnaCustomerTokens(account)`. */
export class KlarnaCustomerTokens {
  /** The account these tokens belong to. */
  readonly account: string;
  private readonly issuer: IssueCustomerToken;
  private readonly reader: ReadCustomerToken;
  private readonly canceller: CancelCustomerToken;

  constructor(services: Pick<KlarnaServices, 'account' | 'issue' | 'read' | 'cancel'>) {
    this.account = services.account;
    this.issuer = services.issue;
    this.reader = services.read;
    this.canceller = services.cancel;
  }

  /** Creates a customer token from a fresh authorization, at most once per idempotency key (scoped by the account). */
  issue(request: CustomerTokenRequest, options?: IssueCustomerTokenOptions): Promise<IssuedCustomerToken> {
    return this.issuer.execute(request, options);
  }

  /** Reads a customer token's status and payment method. */
  read(tokenId: string): Promise<CustomerToken> {
    return this.reader.execute(tokenId);
  }

  /** Cancels a customer token (Klarna processes it asynchronously). */
  cancel(tokenId: string): Promise<void> {
    return this.canceller.execute(tokenId);
  }
}
