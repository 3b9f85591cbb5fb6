import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the scripted server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The body as UTF-8 text. */
  text: string;
}

/** What the scripted server does with a request: answer, reset the socket, or never answer. */
export type Script = { status: number; headers?: Record<string, string>; body?: string } | 'reset' | 'stall';

/** Picks the script for a request; `index` counts the requests, from 0. */
export type ScriptFunction = (request: RecordedRequest, index: number) => Script;

/** Options of {@link ScriptedServer.start}. */
export interface ScriptedServerOptions {
  /** Sent with every answer unless the script sets the same header (e.g. `{ 'content-type': 'application/json' }`). */
  defaultHeaders?: Record<string, string>;
}

/** Headers of a JSON answer, for {@link ScriptedServerOptions.defaultHeaders}. */
export const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'application/json' });

/**
 * A loopback HTTP server that records requests and answers whatever the test says: for answers a provider
 * simulator would never give (off-contract bodies, resets, stalls).
 */
export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private script: ScriptFunction = () => ({ status: 500 });

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly defaultHeaders: Record<string, string>,
  ) {}

  /** Starts it on 127.0.0.1, any free port; it answers 500 until `script` or {@link answer} says otherwise. */
  static async start(script?: Script | ScriptFunction, options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
    const holder: { instance?: ScriptedServer } = {};
    const server = createServer((req, res) => holder.instance!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.instance = new ScriptedServer(server, `http://127.0.0.1:${port}`, { ...options.defaultHeaders });
    if (script !== undefined) holder.instance.answer(script);
    return holder.instance;
  }

  /** Sets the answer for the next requests. */
  answer(script: Script | ScriptFunction): void {
    this.script = typeof script === 'function' ? script : () => script;
  }

  /** Stops listening and drops every open connection (a stalled one included). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        text: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(recorded);
      const script = this.script(recorded, this.requests.length - 1);
      if (script === 'reset') {
        req.socket.destroy();
        return;
      }
      if (script === 'stall') return;
      res.writeHead(script.status, { ...this.defaultHeaders, ...script.headers });
      res.end(script.body ?? '');
    });
  }
}
