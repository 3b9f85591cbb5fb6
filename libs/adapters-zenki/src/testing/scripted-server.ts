import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One canned answer. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** A request the scripted server received. */
export interface ScriptedCall {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback server that answers from a script: for answers the simulator would never give (off-contract ones). */
export interface ScriptedServer {
  url: string;
  calls: ScriptedCall[];
  close(): Promise<void>;
}

/** Starts it on 127.0.0.1, any port; `answer` gets the call number (0-based). */
export async function startScriptedServer(answer: (call: ScriptedCall, index: number) => ScriptedAnswer): Promise<ScriptedServer> {
  const calls: ScriptedCall[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const call = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    calls.push(call);
    const reply = answer(call, calls.length - 1);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
