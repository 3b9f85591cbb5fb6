import { maskedSuffix } from '@paytokens/domain';

const MAX_LOGGED_PATH = 256;

/**
 * Turns a request path into one fit for a log: the literal segments of the app's routes stay, every
 * other segment (a token id, an attacker's probe) shrinks to at most a four-character suffix, and the
 * query string goes. Route templates are learnt as routes are registered.
 */
export class PathMasker {
  private readonly literals = new Set<string>();

  /** Learns the literal segments of `routeTemplate` (`/v1/klarna/customer-tokens/:tokenId`). */
  learnRoute(routeTemplate: string): void {
    for (const segment of routeTemplate.split('/')) {
      if (segment && !segment.startsWith(':') && !segment.includes('*')) this.literals.add(segment);
    }
  }

  /** `/v1/klarna/customer-tokens/…1234` for `/v1/klarna/customer-tokens/<id ending in 1234>?x=y`. */
  mask(url: string): string {
    const end = url.indexOf('?');
    const path = end < 0 ? url : url.slice(0, end);
    // One pass without split/map/join: every proxied route with an id in its path runs this per request.
    let masked = '';
    for (let start = 0; ;) {
      const slash = path.indexOf('/', start);
      const segment = slash < 0 ? path.slice(start) : path.slice(start, slash);
      masked += segment === '' || this.literals.has(segment) ? segment : maskedSuffix(segment);
      if (slash < 0) break;
      masked += '/';
      start = slash + 1;
    }
    return masked.length > MAX_LOGGED_PATH ? `${masked.slice(0, MAX_LOGGED_PATH)}…` : masked;
  }
}
