/** Codes of problems the HTTP layer raises itself (the domain's own codes are in ErrorCode). */
export const HttpProblemCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  MalformedRequest: 'MALFORMED_REQUEST',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  InternalError: 'INTERNAL_ERROR',
} as const;
