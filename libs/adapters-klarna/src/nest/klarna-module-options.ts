import type { IdempotencyStore } from '@paytokens/domain';
import type { KlarnaGatewayOptions } from '../lib/klarna-config';

/** Options of {@link KlarnaModule}: how to reach Klarna, plus where idempotency records live. */
export interface KlarnaModuleOptions extends KlarnaGatewayOptions {
  /** Where IssueCustomerToken keeps its idempotency records. Default: the domain's InMemoryIdempotencyStore (one process). */
  idempotencyStore?: IdempotencyStore;
  /**
   * Told when the idempotency store failed after Klarna answered: the caller still gets its token, but its
   * record could not be written (`complete`) or its claim freed (`release`). Log it: nothing else will.
   */
  onIdempotencyStoreError?: (operation: 'complete' | 'release', error: unknown) => void;
}
