import { paytokensInstruments } from './instruments';
import { addSpanEvent } from './use-case-span';

/** A circuit transition as an event on the active span (the call that tripped it) and in `paytokens.circuit.transitions`. */
export function recordCircuitTransition(provider: string, account: string, state: string): void {
  const attributes = { 'paytokens.provider': provider, 'paytokens.account': account, 'paytokens.circuit.state': state };
  addSpanEvent('paytokens.circuit.state_change', attributes);
  paytokensInstruments().circuitTransitions.add(1, attributes);
}
