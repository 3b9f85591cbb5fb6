import { ValidationError } from '../errors/errors';

/** True for a string that can be a provider's opaque id in a URL path segment. */
export function isTokenId(tokenId: unknown): tokenId is string {
  // "." and ".." pass the character rule but are dot segments: URL resolution would change the path.
  return (
    typeof tokenId === 'string' &&
    tokenId.length > 0 &&
    tokenId.length <= 255 &&
    /^[A-Za-z0-9._~-]+$/.test(tokenId) &&
    !/^\.{1,2}$/.test(tokenId)
  );
}

/** Refuses a token id that cannot be a provider's opaque id, before it reaches a URL. */
export function assertTokenId(tokenId: unknown, field = 'tokenId'): asserts tokenId is string {
  if (!isTokenId(tokenId)) throw new ValidationError([{ field, message: 'must be 1 to 255 letters, digits, ".", "_", "~" or "-"' }]);
}
