/** Where time comes from, so that expiry rules can be tested with a clock a test moves. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}
