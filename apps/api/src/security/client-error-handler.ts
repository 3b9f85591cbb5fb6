import type { Socket } from 'node:net';
import { problem, PROBLEM_CONTENT_TYPE } from '../problem/problem-details';
import { HttpProblemCode } from '../problem/http-problem-codes';

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (control characters in a
 * header, headers over the size limit, a broken request line) as problem+json, like every other error,
 * instead of Fastify's own JSON; then closes the connection, whose framing can no longer be trusted.
 */
export function problemClientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let details = problem(400, HttpProblemCode.MalformedRequest, 'Malformed request', 'The request is not valid HTTP.');
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    details = problem(431, HttpProblemCode.MalformedRequest, 'Request Header Fields Too Large', 'The request headers are larger than this API accepts.');
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    details = problem(408, HttpProblemCode.MalformedRequest, 'Request Timeout', 'The request was not received in time.');
  }
  const body = JSON.stringify(details);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${details.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
