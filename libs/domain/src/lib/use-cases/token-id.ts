import { ValidationError } from '../errors/errors';

/** Refuses a token id that cannot be a provider's opaque id, before it reaches a URL. */
export function assertTokenId(tokenId: unknown): asserts tokenId is string {
  // "." and ".." pass the character rule but are dot segments: URL resolution would change the path.
  if (typeof tokenId !== 'string' || tokenId.length === 0 || tokenId.length > 255 || !/^[A-Za-z0-9._~-]+$/.test(tokenId) || /^\.{1,2}$/.test(tokenId)) {
    throw new ValidationError([{ field: 'tokenId', message: 'must be 1 to 255 letters, digits, ".", "_", "~" or "-"' }]);
  }
}
