import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the scripted server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  text: string;
}

/** What the scripted server does with a request: answer, reset the socket, or never answer. */
export type Script = { status: number; headers?: Record<string, string>; body?: string } | 'reset' | 'stall';

/** A tiny loopback HTTP server that records requests and answers whatever the test says. */
export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private script: (request: RecordedRequest) => Script = () => ({ status: 500 });

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ScriptedServer> {
    const holder: { instance?: ScriptedServer } = {};
    const server = createServer((req, res) => holder.instance!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.instance = new ScriptedServer(server, `http://127.0.0.1:${port}`);
    return holder.instance;
  }

  /** Sets the answer for the next requests. */
  answer(script: Script | ((request: RecordedRequest) => Script)): void {
    this.script = typeof script === 'function' ? script : () => script;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, text: Buffer.concat(chunks).toString('utf8') };
      this.requests.push(recorded);
      const script = this.script(recorded);
      if (script === 'reset') {
        req.socket.destroy();
        return;
      }
      if (script === 'stall') return;
      res.writeHead(script.status, script.headers ?? {});
      res.end(script.body ?? '');
    });
  }
}
