import { Redis } from 'ioredis';
import { delay } from './delay';
import { freePort } from './free-port';
import { PrivateRedisServer } from './private-redis-server';

const SLOTS = 16384;
const NODES = 3;
const FORMING_LIMIT_MS = 15_000;

/**
 * Three private cluster-enabled redis-servers on free loopback ports, each owning a third of the slots,
 * introduced to each other. `stop()` ends every node that started, even after a failed `start()`.
 */
export class PrivateRedisCluster {
  private readonly servers: PrivateRedisServer[] = [];
  /** One plain client per node, to look inside it (e.g. `dbsize`). */
  readonly admins: Redis[] = [];

  /** `host:port` of every node, as `clusterNodes` and REDIS_CLUSTER_NODES take them. */
  get nodes(): string[] {
    return this.servers.map((server) => `127.0.0.1:${server.port}`);
  }

  /** Starts the nodes, assigns the slots, introduces them and waits until every node says the cluster is ok. */
  async start(): Promise<void> {
    const busPorts: number[] = [];
    for (let i = 0; i < NODES; i++) {
      const busPort = await freePort();
      busPorts.push(busPort);
      this.servers.push(
        await PrivateRedisServer.start(['--cluster-enabled', 'yes', '--cluster-port', String(busPort), '--cluster-node-timeout', '2000']),
      );
    }
    this.admins.push(...this.servers.map((server) => new Redis(server.port, '127.0.0.1')));
    for (let i = 0; i < NODES; i++) {
      await this.admins[i].call('CLUSTER', 'ADDSLOTSRANGE', Math.floor((i * SLOTS) / NODES), Math.floor(((i + 1) * SLOTS) / NODES) - 1);
    }
    for (let i = 1; i < NODES; i++) await this.admins[0].call('CLUSTER', 'MEET', '127.0.0.1', this.servers[i].port, busPorts[i]);
    const deadline = Date.now() + FORMING_LIMIT_MS;
    for (;;) {
      const infos = await Promise.all(this.admins.map((admin) => admin.call('CLUSTER', 'INFO') as Promise<string>));
      if (infos.every((info) => info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${NODES}`))) return;
      if (Date.now() > deadline) throw new Error(`the private cluster did not form: ${infos.join(' | ')}`);
      await delay(100);
    }
  }

  /** Keys per node, to see that keys spread over the cluster. */
  async keysPerNode(): Promise<number[]> {
    return Promise.all(this.admins.map((admin) => admin.dbsize()));
  }

  /** Closes the admin clients and ends every node. */
  async stop(): Promise<void> {
    await Promise.all(this.admins.map((admin) => admin.quit().catch(() => admin.disconnect())));
    await Promise.all(this.servers.map((server) => server.stop()));
  }
}
