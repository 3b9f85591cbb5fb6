import type { ZenkiHealthIndicator } from '@paytokens/adapters-zenki';
import type { GetAccessToken } from '@paytokens/domain';
import type { ProviderCircuit } from '@paytokens/provider-kit';
import type { AllowedAccounts } from '../accounts/account-choice';
import { ProviderAccounts } from '../accounts/provider-accounts';

/** One configured Zenki account and its parts, as ZenkiModule registered them. */
export interface ZenkiAccount {
  name: string;
  accessTokens: GetAccessToken;
  circuit: ProviderCircuit;
  health: ZenkiHealthIndicator;
}

/** Every configured Zenki account, by name; chooses the one a request uses. */
export class ZenkiAccounts extends ProviderAccounts<ZenkiAccount> {
  constructor(all: readonly ZenkiAccount[]) {
    super('Zenki', all);
  }

  /** The account a request uses (see chooseAccount). */
  choose(named: string | undefined, allowed: AllowedAccounts): ZenkiAccount {
    return this.pick(named, allowed);
  }
}
