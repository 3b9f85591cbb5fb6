import { connect } from 'node:net';
import { freePort } from './free-port';
import { PrivateRedisServer } from './private-redis-server';
import { describeWithRedisServer } from './redis-test-env';

/** Whether something accepts a TCP connection on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('freePort', () => {
  it('gives a loopback port nothing listens on', async () => {
    expect(await listening(await freePort())).toBe(false);
  });
});

describeWithRedisServer('PrivateRedisServer', () => {
  let server: PrivateRedisServer | undefined;
  afterEach(() => server?.stop());

  it('is not running until restarted, counts a password-protected server (-NOAUTH) as up, and can be killed', async () => {
    server = await PrivateRedisServer.notStarted(['--requirepass', 'pw-for-this-test']);
    expect(server.running).toBe(false);
    expect(await listening(server.port)).toBe(false);
    await server.restart();
    expect(server.running).toBe(true);
    expect(await listening(server.port)).toBe(true);
    await server.kill();
    expect(server.running).toBe(false);
  });

  it('starts on a chosen port', async () => {
    const port = await freePort();
    server = await PrivateRedisServer.start([], port);
    expect(server.url).toBe(`redis://127.0.0.1:${port}`);
    expect(await listening(port)).toBe(true);
  });
});
