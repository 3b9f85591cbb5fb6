import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { LimitsConfig } from '../config/limits.config';
import type { ApiMetrics } from '../observability/api-metrics';

/** How often Node should check the header and request timeouts: a tenth of the shorter, so a cut comes close to its limit. */
export function connectionsCheckingIntervalMs(limits: LimitsConfig): number {
  return Math.min(30_000, Math.max(50, Math.floor(limits.headersTimeoutMs / 10)));
}

/**
 * Bounds what a client can hold open: headers and the whole request must arrive in time (Node answers 408
 * and closes), idle keep-alive sockets close, and connections are capped in total and per address (the
 * extra ones are closed at once). Every cut is counted in `client_connections_cut_total`.
 */
export function applyConnectionLimits(server: Server, limits: LimitsConfig, metrics: ApiMetrics): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  const perAddress = new Map<string, number>();
  let open = 0;
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const fromAddress = (perAddress.get(address) ?? 0) + 1;
    if (open + 1 > limits.maxConnections || fromAddress > limits.maxConnectionsPerAddress) {
      metrics.countClientCut(open + 1 > limits.maxConnections ? 'total' : 'per_address');
      socket.destroy();
      return;
    }
    open++;
    perAddress.set(address, fromAddress);
    socket.once('close', () => {
      open--;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
  });
  server.prependListener('clientError', (error: Error & { code?: string }) => {
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') metrics.countClientCut('slow');
  });
}
