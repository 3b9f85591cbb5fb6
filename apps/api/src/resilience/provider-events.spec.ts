import { ProviderCircuit } from '@paytokens/provider-kit';
import { ProviderUnavailableError } from '@paytokens/domain';
import { ProviderEvents, type CircuitStateChange, type ProviderCallEvent } from './provider-events';

const event: ProviderCallEvent = {
  provider: 'klarna',
  account: 'default',
  operation: 'read',
  outcome: 'success',
  status: 200,
  durationMs: 3,
  attempt: 1,
};

describe('ProviderEvents', () => {
  it('forwards each call to every listener until it unsubscribes, and survives a listener that throws', () => {
    const events = new ProviderEvents();
    const seen: ProviderCallEvent[] = [];
    events.onProviderCall(() => {
      throw new Error('listener bug');
    });
    const stop = events.onProviderCall((e) => seen.push(e));
    events.publish(event);
    stop();
    events.publish(event);
    expect(seen).toEqual([event]);
  });

  it('lists the registered circuits with their state and reports their transitions', async () => {
    const events = new ProviderEvents();
    const changes: CircuitStateChange[] = [];
    events.onCircuitStateChange((change) => changes.push(change));
    const klarna = new ProviderCircuit('klarna', 'Klarna', { consecutiveFailures: 1, halfOpenAfterMs: 60_000 });
    events.registerCircuit('klarna', klarna, 'us');
    events.registerCircuit(
      'klarna',
      new ProviderCircuit('klarna', 'Klarna', { consecutiveFailures: 1, halfOpenAfterMs: 60_000 }, 'eu'),
      'eu',
    );
    events.registerCircuit('zenki', new ProviderCircuit('zenki', 'Zenki', false));
    expect(events.circuits()).toEqual([
      { provider: 'klarna', account: 'us', state: 'closed', enabled: true },
      { provider: 'klarna', account: 'eu', state: 'closed', enabled: true },
      { provider: 'zenki', account: 'default', state: 'closed', enabled: false },
    ]);

    await klarna.execute(() => Promise.reject(new ProviderUnavailableError('down', { provider: 'klarna' }))).catch(() => undefined);
    expect(events.circuit('klarna', 'us')).toEqual({
      provider: 'klarna',
      account: 'us',
      state: 'open',
      enabled: true,
      retryAfterSeconds: 60,
    });
    expect(events.circuit('klarna', 'eu')?.state).toBe('closed');
    expect(changes).toEqual([{ provider: 'klarna', account: 'us', state: 'open' }]);
  });
});
