// Fresh Klarna authorizations for the create route: each is good for one customer token only, so every
// request needs a new one. The simulator mints them in batches (over IPC, in its own process) ahead of use.

/**
 * Hands out one unused authorization per call. Refills in the background when fewer than `low` are left.
 * Batches stay small on purpose: the simulator sweeps its whole authorization map on every mint once it
 * holds 10,000, so thousands of unused ones minted up front would make minting quadratic.
 */
export class AuthorizationFeed {
  constructor(simulators, { batch = 3_000, low = 3_000 } = {}) {
    this.simulators = simulators;
    this.batch = batch;
    this.low = low;
    this.queue = [];
    this.refilling = undefined;
    this.handedOut = 0;
    this.starved = 0;
  }

  /** Fills the queue before a run. */
  async prime() {
    while (this.queue.length < this.low + this.batch) await this.refill();
  }

  /** The next unused authorization token; a placeholder (answered 404, so the run is invalid) when starved. */
  next() {
    // A failed refill shows up as starvation, and starvation makes the run invalid.
    if (this.queue.length < this.low) this.refill().catch(() => undefined);
    const token = this.queue.pop();
    if (token === undefined) {
      this.starved++;
      return 'bench-feed-starved';
    }
    this.handedOut++;
    return token;
  }

  refill() {
    this.refilling ??= this.simulators
      .call('mint', { count: this.batch })
      .then((tokens) => {
        this.queue.unshift(...tokens);
      })
      .finally(() => {
        this.refilling = undefined;
      });
    return this.refilling;
  }
}
