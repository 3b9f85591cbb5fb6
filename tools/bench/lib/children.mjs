// Every process the bench starts goes through here, so that all of them are stopped at the end, on an
// error, and on Ctrl-C: nothing the bench started may outlive it.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

const running = new Set();
const OUTPUT_KEPT = 8_000;

/** A child process started by the bench: its pid, the tail of its output, and IPC calls when it has a channel. */
export class Child {
  constructor(name, process, stdoutFile) {
    this.name = name;
    this.process = process;
    this.stdoutFile = stdoutFile;
    this.stderr = '';
    this.exited = new Promise((resolve) => process.once('exit', (code, signal) => resolve({ code, signal })));
    this.exitCode = undefined;
    this.exited.then(({ code, signal }) => {
      this.exitCode = code ?? signal;
      running.delete(this);
    });
    this.pending = new Map();
    this.nextId = 1;
    const keep = (chunk) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    process.stdout?.on('data', keep);
    process.stderr?.on('data', keep);
    process.on('message', (message) => {
      const waiter = message && this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(`${this.name}: ${message.error}`));
      else waiter.resolve(message.result);
    });
    this.exited.then(() => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`${this.name} exited (${this.exitCode})\n${this.output}`));
      this.pending.clear();
    });
  }

  /** The tail of what the child printed (its stdout file, when it has one, then stderr), for error messages. */
  get output() {
    let stdout = '';
    if (this.stdoutFile) {
      try {
        stdout = readFileSync(this.stdoutFile, 'utf8').slice(-OUTPUT_KEPT);
      } catch {
        stdout = '';
      }
    }
    return `${stdout}${this.stderr}`;
  }

  get pid() {
    return this.process.pid;
  }

  get alive() {
    return this.exitCode === undefined;
  }

  /** Sends `{ id, type, ...payload }` over IPC and resolves with the child's `{ id, result }` answer. */
  call(type, payload = {}, timeoutMs = 10_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: no answer to ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.process.send({ id, type, ...payload });
    });
  }

  /** Resolves with the first IPC message of `type` (servers announce `ready` with their URL). */
  waitForMessage(type, timeoutMs = 15_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`${this.name}: no ${type} message within ${timeoutMs} ms\n${this.output}`)),
        timeoutMs,
      );
      const onMessage = (message) => {
        if (message?.type === type) finish(undefined, message);
      };
      const onExit = () => finish(new Error(`${this.name} exited (${this.exitCode}) before ${type}\n${this.output}`));
      const finish = (error, message) => {
        clearTimeout(timer);
        this.process.off('message', onMessage);
        this.process.off('exit', onExit);
        if (error) reject(error);
        else resolve(message);
      };
      this.process.on('message', onMessage);
      this.process.once('exit', onExit);
    });
  }

  /** Sends `signal` and waits for the exit; SIGKILL when it has not gone within `graceMs`. */
  async stop(signal = 'SIGTERM', graceMs = 3_000) {
    if (!this.alive) return this.exited;
    this.process.kill(signal);
    let timer;
    const grace = new Promise((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    // The timer is cleared, not left to run out: it would keep the bench alive after its last child exits.
    const outcome = await Promise.race([this.exited, grace]).finally(() => clearTimeout(timer));
    if (outcome) return outcome;
    this.process.kill('SIGKILL');
    return this.exited;
  }
}

/**
 * Starts `node <nodeArgs> <script> <args>` with an IPC channel. `env` replaces the environment when
 * `inheritEnv` is false. `stdoutFile`: its stdout goes to that file rather than through a pipe to the bench,
 * so that a server that logs every request does not make the load generator's process read its logs.
 */
export function startNode(name, script, { args = [], nodeArgs = [], env = {}, inheritEnv = true, cwd, stdoutFile } = {}) {
  const stdout = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe';
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd,
    env: inheritEnv ? { ...process.env, ...env } : env,
    stdio: ['ignore', stdout, 'pipe', 'ipc'],
  });
  if (stdoutFile) closeSync(stdout);
  const wrapped = new Child(name, child, stdoutFile);
  running.add(wrapped);
  return wrapped;
}

/** Stops every child still running, in parallel. */
export async function stopAll() {
  await Promise.all([...running].map((child) => child.stop('SIGTERM', 2_000).catch(() => undefined)));
}

let installed = false;

/** Stops every child on Ctrl-C, SIGTERM, an uncaught error, and (last resort, SIGKILL) on exit. */
export function installCleanup() {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping the servers it started...\n`);
      stopAll().finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    for (const child of running) child.process.kill('SIGKILL');
  });
}
