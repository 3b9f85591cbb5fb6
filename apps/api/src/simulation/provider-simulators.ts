import type { Clock } from '@paytokens/domain';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '@paytokens/adapters-klarna/simulator';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';

/** Clocks for the simulators, so that tests can move time (e.g. expire an authorization). */
export interface SimulatorClocks {
  klarna?: Clock;
  zenki?: Clock;
}

/** The credentials the embedded simulators accept, used when the environment names none. Not real credentials. */
export const SIMULATOR_CREDENTIALS = {
  klarna: { username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD },
  zenki: { clientId: ZENKI_SIMULATOR_CLIENT_ID, clientSecret: ZENKI_SIMULATOR_CLIENT_SECRET },
} as const;

/** The embedded Klarna and Zenki simulators, on loopback ports of their own. */
export class ProviderSimulators {
  private constructor(
    readonly klarna: KlarnaSimulator,
    readonly zenki: ZenkiSimulator,
  ) {}

  /** Starts both on 127.0.0.1, any free port; if one fails the other is closed again. */
  static async start(clocks: SimulatorClocks = {}): Promise<ProviderSimulators> {
    const [klarna, zenki] = await Promise.allSettled([
      KlarnaSimulator.start({ host: '127.0.0.1', port: 0, clock: clocks.klarna }),
      ZenkiSimulator.start({ host: '127.0.0.1', port: 0, clock: clocks.zenki }),
    ]);
    if (klarna.status === 'fulfilled' && zenki.status === 'fulfilled') return new ProviderSimulators(klarna.value, zenki.value);
    await Promise.all([klarna, zenki].map((started) => (started.status === 'fulfilled' ? started.value.close() : undefined)));
    throw klarna.status === 'rejected' ? klarna.reason : (zenki as PromiseRejectedResult).reason;
  }

  /** Stops both and drops their connections. */
  async close(): Promise<void> {
    await Promise.all([this.klarna.close(), this.zenki.close()]);
  }
}
