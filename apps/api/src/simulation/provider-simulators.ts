import type { Clock } from '@paytokens/domain';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '@paytokens/adapters-klarna/simulator';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';

/** Clocks for the simulators, so that tests can move time (e.g. expire an authorization). */
export interface SimulatorClocks {
  klarna?: Clock;
  zenki?: Clock;
}

/** The credentials the embedded simulators accept for the account `default`. Not real credentials. */
export const SIMULATOR_CREDENTIALS = {
  klarna: { username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD },
  zenki: { clientId: ZENKI_SIMULATOR_CLIENT_ID, clientSecret: ZENKI_SIMULATOR_CLIENT_SECRET },
} as const;

/** One account's credentials on the embedded simulators: distinct per account, so a mix-up is refused. Not real credentials. */
export function simulatorCredentials(account: string): {
  klarna: { username: string; password: string };
  zenki: { clientId: string; clientSecret: string };
} {
  if (account === DEFAULT_ACCOUNT) return SIMULATOR_CREDENTIALS;
  return {
    klarna: { username: `${SIMULATOR_USERNAME}_${account}`, password: `${SIMULATOR_PASSWORD}-${account}` },
    zenki: { clientId: `${ZENKI_SIMULATOR_CLIENT_ID}-${account}`, clientSecret: `${ZENKI_SIMULATOR_CLIENT_SECRET}-${account}` },
  };
}

/** The accounts the simulators must accept, by provider. */
export interface SimulatedAccounts {
  klarna: readonly string[];
  zenki: readonly string[];
}

/** The embedded Klarna and Zenki simulators, on loopback ports of their own. */
export class ProviderSimulators {
  private constructor(
    readonly klarna: KlarnaSimulator,
    readonly zenki: ZenkiSimulator,
  ) {}

  /** Starts both on 127.0.0.1, any free port, accepting each account's credentials; if one fails the other is closed again. */
  static async start(
    clocks: SimulatorClocks = {},
    accounts: SimulatedAccounts = { klarna: [DEFAULT_ACCOUNT], zenki: [DEFAULT_ACCOUNT] },
  ): Promise<ProviderSimulators> {
    const [klarna, zenki] = await Promise.allSettled([
      KlarnaSimulator.start({ host: '127.0.0.1', port: 0, clock: clocks.klarna }),
      ZenkiSimulator.start({ host: '127.0.0.1', port: 0, clock: clocks.zenki }),
    ]);
    if (klarna.status === 'fulfilled' && zenki.status === 'fulfilled') {
      for (const account of accounts.klarna)
        klarna.value.addAccount(simulatorCredentials(account).klarna.username, simulatorCredentials(account).klarna.password);
      for (const account of accounts.zenki)
        zenki.value.addClient(simulatorCredentials(account).zenki.clientId, simulatorCredentials(account).zenki.clientSecret);
      return new ProviderSimulators(klarna.value, zenki.value);
    }
    await Promise.all([klarna, zenki].map((started) => (started.status === 'fulfilled' ? started.value.close() : undefined)));
    throw klarna.status === 'rejected' ? klarna.reason : (zenki as PromiseRejectedResult).reason;
  }

  /** Stops both and drops their connections. */
  async close(): Promise<void> {
    await Promise.all([this.klarna.close(), this.zenki.close()]);
  }
}
