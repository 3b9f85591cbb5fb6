// A burst of truly simultaneous requests: every connection is opened first, then every request is written
// in the same tick, so that all of them reach the server while the first upstream token call is in flight.
import { connect } from 'node:net';

const CONNECT_BATCH = 200;
const ANSWER_TIMEOUT_MS = 20_000;

function open(host, port) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Writes `raw` on `socket` and resolves with the answer's status (0 when none came). */
function exchange(socket, raw) {
  return new Promise((resolve) => {
    let head = '';
    let settled = false;
    const done = (status) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(status);
    };
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => done(0));
    socket.on('data', (chunk) => {
      // The status line is all that is read; the server closes the connection after its answer.
      if (head.length < 64) head += chunk.toString('latin1');
    });
    const status = () => Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
    socket.on('error', () => done(status()));
    socket.on('close', () => done(status()));
    socket.write(raw);
  });
}

/**
 * Sends `count` requests at once to each `{ host, port }` in `targets` (so two instances get theirs in the
 * same tick). Resolves with the statuses counted and how long the slowest answer took.
 */
export async function burst(targets, { count, method, path, headers }) {
  const sockets = [];
  try {
    for (const target of targets) {
      const raw = Buffer.from(
        [
          `${method} ${path} HTTP/1.1`,
          `Host: ${target.host}:${target.port}`,
          ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
          'Content-Length: 0',
          'Connection: close',
          '',
          '',
        ].join('\r\n'),
        'latin1',
      );
      for (let opened = 0; opened < count; opened += CONNECT_BATCH) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(CONNECT_BATCH, count - opened) }, () => open(target.host, target.port)),
        );
        for (const socket of batch) sockets.push({ socket, raw });
      }
    }
  } catch (error) {
    for (const { socket } of sockets) socket.destroy();
    throw error;
  }
  const started = performance.now();
  const statuses = await Promise.all(sockets.map(({ socket, raw }) => exchange(socket, raw)));
  const counts = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return {
    sent: statuses.length,
    ok: statuses.filter((s) => s >= 200 && s < 300).length,
    statuses: counts,
    elapsedMs: performance.now() - started,
  };
}
