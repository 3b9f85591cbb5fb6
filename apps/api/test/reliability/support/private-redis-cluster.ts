// Three private cluster-enabled redis-servers on free loopback ports, each owning a third of the slots (as
// libs/adapters-redis/src/lib/redis-cluster.spec.ts forms them).
import { Redis } from 'ioredis';
import { freePort, PrivateRedisServer } from '../../support/private-redis-server';
import { sleep } from './external-providers';

const SLOTS = 16384;
const NODES = 3;

/** A formed three-node cluster; `stop()` ends every node, even after a failed start. */
export class PrivateRedisCluster {
  private readonly servers: PrivateRedisServer[] = [];
  private readonly admins: Redis[] = [];

  /** `host:port` of every node, as REDIS_CLUSTER_NODES takes them. */
  get nodes(): string[] {
    return this.servers.map((server) => `127.0.0.1:${server.port}`);
  }

  /** Starts the nodes, assigns the slots, introduces them and waits until the cluster says it is ok. */
  async start(): Promise<void> {
    const busPorts: number[] = [];
    for (let i = 0; i < NODES; i++) {
      const busPort = await freePort();
      busPorts.push(busPort);
      this.servers.push(await PrivateRedisServer.start(['--cluster-enabled', 'yes', '--cluster-port', String(busPort), '--cluster-node-timeout', '2000']));
    }
    this.admins.push(...this.servers.map((server) => new Redis(server.port, '127.0.0.1')));
    for (let i = 0; i < NODES; i++) {
      await this.admins[i].call('CLUSTER', 'ADDSLOTSRANGE', Math.floor((i * SLOTS) / NODES), Math.floor(((i + 1) * SLOTS) / NODES) - 1);
    }
    for (let i = 1; i < NODES; i++) await this.admins[0].call('CLUSTER', 'MEET', '127.0.0.1', this.servers[i].port, busPorts[i]);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const infos = await Promise.all(this.admins.map((admin) => admin.call('CLUSTER', 'INFO') as Promise<string>));
      if (infos.every((info) => info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${NODES}`))) return;
      if (Date.now() > deadline) throw new Error(`the private cluster did not form: ${infos.join(' | ')}`);
      await sleep(100);
    }
  }

  /** Keys per node, to see that keys spread over the cluster. */
  async keysPerNode(): Promise<number[]> {
    return Promise.all(this.admins.map((admin) => admin.dbsize()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.admins.map((admin) => admin.quit().catch(() => admin.disconnect())));
    await Promise.all(this.servers.map((server) => server.stop()));
  }
}
