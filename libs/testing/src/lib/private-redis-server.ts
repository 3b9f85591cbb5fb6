import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delay } from './delay';
import { freePort } from './free-port';

const STARTUP_LIMIT_MS = 5000;

/** True when `redis-server` can be run from PATH. */
export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore', timeout: 3000 }).status === 0;
}

/**
 * A redis-server only this test file uses, on a free loopback port, without persistence, so a test may
 * kill, freeze or reconfigure it. Always `stop()` it in afterAll.
 */
export class PrivateRedisServer {
  private child?: ChildProcess;
  private output = '';
  private spawnFailed = false;
  private readonly dir = mkdtempSync(join(tmpdir(), 'paytokens-redis-'));

  private constructor(
    readonly port: number,
    private readonly extraArgs: string[],
  ) {}

  /** Starts a server; `extraArgs` are added to every (re)start, e.g. `['--requirepass', 'pw']`; `port` chooses the port (default a free one). */
  static async start(extraArgs: string[] = [], port?: number): Promise<PrivateRedisServer> {
    const server = new PrivateRedisServer(port ?? (await freePort()), extraArgs);
    await server.restart();
    return server;
  }

  /** A server that is not running yet, on a free port: `restart()` starts it. */
  static async notStarted(extraArgs: string[] = []): Promise<PrivateRedisServer> {
    return new PrivateRedisServer(await freePort(), extraArgs);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && !this.spawnFailed && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** (Re)starts the server on the same port and waits until it answers PING. */
  async restart(): Promise<void> {
    if (this.running) return;
    this.output = '';
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.dir,
      '--loglevel',
      'warning',
    ];
    const child = spawn('redis-server', [...args, ...this.extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-2000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', (error) => {
      keep(Buffer.from(`spawn failed: ${error.message}\n`));
      this.spawnFailed = true;
    });
    this.child = child;
    this.spawnFailed = false;
    const deadline = Date.now() + STARTUP_LIMIT_MS;
    while (!(await answersPing(this.port))) {
      if (!this.running || Date.now() > deadline) {
        await this.kill();
        throw new Error(`private redis-server on port ${this.port} did not start: ${this.output.trim() || 'no output'}`);
      }
      await delay(50);
    }
  }

  /** Ends the process at once (SIGKILL by default, as in a crash) and waits for it to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  /** Freezes the process (SIGSTOP): connections stay open but nothing is answered. */
  pause(): void {
    if (this.running) this.child?.kill('SIGSTOP');
  }

  /** Thaws a paused process (SIGCONT). */
  resume(): void {
    if (this.running) this.child?.kill('SIGCONT');
  }

  /** Kills the process (thawing it first if paused) and removes its working folder. */
  async stop(): Promise<void> {
    this.resume();
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    // A server with --requirepass answers -NOAUTH: up all the same.
    socket.once('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}
