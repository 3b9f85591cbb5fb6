import type { ZenkiHealthIndicator } from '@paytokens/adapters-zenki';
import type { GetAccessToken } from '@paytokens/domain';
import type { ProviderCircuit } from '@paytokens/provider-kit';
import { chooseAccount, type AllowedAccounts } from '../accounts/account-choice';

/** One configured Zenki account and its parts, as ZenkiModule registered them. */
export interface ZenkiAccount {
  name: string;
  accessTokens: GetAccessToken;
  circuit: ProviderCircuit;
  health: ZenkiHealthIndicator;
}

/** Every configured Zenki account, by name; chooses the one a request uses. */
export class ZenkiAccounts {
  private readonly byName: ReadonlyMap<string, ZenkiAccount>;

  constructor(readonly all: readonly ZenkiAccount[]) {
    this.byName = new Map(all.map((account) => [account.name, account]));
  }

  /** The configured account names, in configuration order. */
  get names(): string[] {
    return this.all.map(({ name }) => name);
  }

  /** The account a request uses (see chooseAccount). */
  choose(named: string | undefined, allowed: AllowedAccounts): ZenkiAccount {
    return this.byName.get(chooseAccount('Zenki', this.names, named, allowed)) as ZenkiAccount;
  }
}
