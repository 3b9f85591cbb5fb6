import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The id of the request being handled, for every log line written while handling it (provider calls,
 * errors). One per app, so that apps sharing a process (tests) never see each other's requests.
 */
export class RequestContext {
  private readonly storage = new AsyncLocalStorage<string>();

  /** Runs `handle` (and everything it starts) as part of request `requestId`. */
  run(requestId: string, handle: () => void): void {
    this.storage.run(requestId, handle);
  }

  /** The current request's id; undefined outside a request (start-up, background work). */
  get requestId(): string | undefined {
    return this.storage.getStore();
  }
}
