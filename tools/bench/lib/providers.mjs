// The provider simulators every bench run loads against: one child process for both (their CPU is not in the
// API's), and the credentials the API is given for them.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNode } from './children.mjs';

const servers = join(dirname(fileURLToPath(import.meta.url)), '..', 'servers');

/** Starts the simulators' child; resolves with it (`call('stats')`, `call('mint')`) and the API's provider settings. */
export async function startProviders(root) {
  const simulators = startNode('simulators', join(servers, 'simulators.mjs'), { cwd: root });
  const sims = await simulators.waitForMessage('ready');
  const { SIMULATOR_USERNAME, SIMULATOR_PASSWORD } = await import('@paytokens/adapters-klarna/simulator');
  const { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET } = await import('@paytokens/adapters-zenki/simulator');
  const providers = {
    klarnaUrl: sims.klarnaUrl,
    klarnaUsername: SIMULATOR_USERNAME,
    klarnaPassword: SIMULATOR_PASSWORD,
    zenkiUrl: sims.zenkiUrl,
    zenkiClientId: ZENKI_SIMULATOR_CLIENT_ID,
    zenkiClientSecret: ZENKI_SIMULATOR_CLIENT_SECRET,
  };
  return { simulators, providers };
}
