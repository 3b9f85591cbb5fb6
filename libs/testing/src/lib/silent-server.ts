import { createServer, type Socket } from 'node:net';

/** A server that accepts connections and never answers, and its `redis://` URL. */
export interface SilentServer {
  url: string;
  close(): Promise<void>;
}

/** A loopback TCP server that accepts connections and never answers: a hung Redis. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
