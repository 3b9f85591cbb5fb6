// A running instance of the scratch consumer app (fixture/src/instance.ts): commands go in on stdin, one JSON line
// each; answers come back on stdout after a marker. The whole process group is killed at the deadline.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { consumerEnv } from './scratch-project';

const ANSWER_MARKER = 'SCRATCH_INSTANCE ';

/** One consumer-app process, driven over stdin. */
export class ConsumerInstance {
  private readonly answers: Record<string, unknown>[] = [];
  private readonly waiting: ((answer: Record<string, unknown>) => void)[] = [];
  private stderr = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly deadline: NodeJS.Timeout;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    timeoutMs: number,
  ) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith(ANSWER_MARKER)) return;
      const answer = JSON.parse(line.slice(ANSWER_MARKER.length)) as Record<string, unknown>;
      const next = this.waiting.shift();
      if (next) next(answer);
      else this.answers.push(answer);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    this.deadline = setTimeout(() => this.kill(), timeoutMs);
  }

  /** Starts `node <entry>` in the app folder with the consumer's environment plus `env`; resolves with its ready line. */
  static async start(
    appDir: string,
    entry: string,
    env: Record<string, string>,
    timeoutMs = 60_000,
  ): Promise<{ instance: ConsumerInstance; ready: Record<string, unknown> }> {
    const child = spawn(process.execPath, [entry], {
      cwd: appDir,
      env: { ...consumerEnv(), ...env },
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const instance = new ConsumerInstance(child, timeoutMs);
    return { instance, ready: await instance.nextAnswer() };
  }

  /** Sends one command and resolves with its answer. */
  async request(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    const answer = this.nextAnswer();
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
    return answer;
  }

  /** Closes stdin (the app then closes itself) and resolves with how the process ended and what it wrote to stderr. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
    this.child.stdin.end();
    const { code, signal } = await this.exited;
    clearTimeout(this.deadline);
    return { code, signal, stderr: this.stderr };
  }

  /** Kills the process group at once (a clean-up for failed tests). */
  kill(): void {
    try {
      process.kill(-(this.child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  private nextAnswer(): Promise<Record<string, unknown>> {
    const queued = this.answers.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      void this.exited.then(({ code, signal }) =>
        reject(new Error(`the instance ended (${code ?? signal}) before answering\n${this.stderr}`)),
      );
    });
  }
}
