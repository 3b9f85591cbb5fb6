import type { FastifyReply } from 'fastify';
import { ACCOUNT_HEADER, chooseAccount, type AccountRouting, type AllowedAccounts } from './account-choice';

/** Every configured account of one provider, by name; chooses the one a request uses. */
export class ProviderAccounts<T extends { name: string }> {
  /** The configured account names, in configuration order (fixed at start-up, so computed once). */
  readonly names: readonly string[];
  private readonly byName: ReadonlyMap<string, T>;

  constructor(
    private readonly provider: string,
    readonly all: readonly T[],
  ) {
    this.names = all.map(({ name }) => name);
    this.byName = new Map(all.map((account) => [account.name, account]));
  }

  /** The account a request uses (see chooseAccount); `routing` picks an unnamed one by what the request is for. */
  protected pick(named: string | undefined, allowed: AllowedAccounts, routing?: AccountRouting): T {
    return this.byName.get(chooseAccount(this.provider, this.names, named, allowed, routing)) as T;
  }
}

/** Names the chosen account in the answer's header (errors included: an answer without a body has only this). */
export function answerFor<T extends { name: string }>(reply: FastifyReply, account: T): T {
  reply.header(ACCOUNT_HEADER, account.name);
  return account;
}
