// The Klarna and Zenki simulators as a consumer installed them: loaded from a scratch app's node_modules (the
// packaged code, not the workspace sources), running in the test's process so that several app processes share them.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as KlarnaSimulatorEntry from '@paytokens/adapters-klarna/simulator';
import type * as ZenkiSimulatorEntry from '@paytokens/adapters-zenki/simulator';

/** Both packaged simulators, started on free loopback ports, and the environment that points an app at them. */
export interface PackagedSimulators {
  klarna: KlarnaSimulatorEntry.KlarnaSimulator;
  zenki: ZenkiSimulatorEntry.ZenkiSimulator;
  /** KLARNA_* and ZENKI_* variables for the fixture's config namespaces. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the simulators shipped in the packages installed in `appDir`. */
export async function startPackagedSimulators(appDir: string): Promise<PackagedSimulators> {
  const scratchRequire = createRequire(join(appDir, 'package.json'));
  const klarnaEntry = scratchRequire('@paytokens/adapters-klarna/simulator') as typeof KlarnaSimulatorEntry;
  const zenkiEntry = scratchRequire('@paytokens/adapters-zenki/simulator') as typeof ZenkiSimulatorEntry;
  const [klarna, zenki] = await Promise.all([
    klarnaEntry.KlarnaSimulator.start({ host: '127.0.0.1', port: 0 }),
    zenkiEntry.ZenkiSimulator.start({ host: '127.0.0.1', port: 0 }),
  ]);
  return {
    klarna,
    zenki,
    env: {
      KLARNA_BASE_URL: klarna.url,
      KLARNA_USERNAME: klarnaEntry.SIMULATOR_USERNAME,
      KLARNA_PASSWORD: klarnaEntry.SIMULATOR_PASSWORD,
      ZENKI_BASE_URL: zenki.url,
      ZENKI_CLIENT_ID: zenkiEntry.ZENKI_SIMULATOR_CLIENT_ID,
      ZENKI_CLIENT_SECRET: zenkiEntry.ZENKI_SIMULATOR_CLIENT_SECRET,
    },
    close: async () => {
      await Promise.all([klarna.close(), zenki.close()]);
    },
  };
}
