import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '../observability/request-id';
import { HttpProblemCode } from '../problem/http-problem-codes';
import { problem, PROBLEM_CONTENT_TYPE } from '../problem/problem-details';
import { sendProblem } from './send-problem';

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
    details = problem(
      431,
      HttpProblemCode.MalformedRequest,
      'Request Header Fields Too Large',
      'The request headers are larger than this API accepts.',
    );
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

/**
 * Answers what Fastify's router refuses before any hook runs (a path that is not valid percent-encoding,
 * a path segment over 100 characters) as problem+json, instead of Fastify's JSON that quotes the path
 * back (a path may hold a token id).
 */
export function problemFrameworkErrors(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  reply.header(REQUEST_ID_HEADER, request.id);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, {
      problem: problem(414, HttpProblemCode.MalformedRequest, 'URI Too Long', 'A path segment is longer than this API accepts.'),
    });
    return;
  }
  sendProblem(reply, {
    problem: problem(400, HttpProblemCode.MalformedRequest, 'Malformed request', 'The request path is not a valid URL.'),
  });
}
