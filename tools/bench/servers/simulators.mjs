// Child process: the Klarna and Zenki simulators on loopback, in a process of their own so that their
// CPU time is not counted against the API. Answers the bench over IPC: mint authorizations, read counters.
import { KlarnaSimulator } from '@paytokens/adapters-klarna/simulator';
import { ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';

const zenki = await ZenkiSimulator.start({ host: '127.0.0.1', port: 0 });
const klarna = await KlarnaSimulator.start({ host: '127.0.0.1', port: 0 });

const handlers = {
  // In process rather than over HTTP: minting is not what is measured, and one message carries thousands.
  mint: ({ count }) => Array.from({ length: count }, () => klarna.mintAuthorization().authorizationToken),
  stats: () => ({
    zenkiTokenRequests: zenki.tokenRequests,
    zenkiIssued: zenki.issuedCount,
    klarnaCreates: klarna.requestCounts.create,
    klarnaSessions: klarna.requestCounts.createSession,
    klarnaOrders: klarna.requestCounts.createOrder,
  }),
};

process.on('message', (message) => {
  const handler = handlers[message?.type];
  try {
    if (!handler) throw new Error(`unknown message ${message?.type}`);
    process.send({ id: message.id, result: handler(message) });
  } catch (error) {
    process.send({ id: message.id, error: error.message });
  }
});

async function shutdown() {
  await Promise.allSettled([zenki.close(), klarna.close()]);
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
// The bench going away closes the channel: do not outlive it.
process.once('disconnect', shutdown);

process.send({ type: 'ready', zenkiUrl: zenki.url, klarnaUrl: klarna.url });
