import { NotFoundError, ProviderTimeoutError, ProviderUnavailableError } from '@paytokens/domain';
import { isProviderFault, ProviderCircuit } from './provider-circuit';

describe('ProviderCircuit', () => {
  const fault = () => Promise.reject(new ProviderUnavailableError('down', { provider: 'acme' }));

  it('opens after the faults in a row and then refuses without calling, naming the account', async () => {
    const circuit = new ProviderCircuit('acme', 'Acme', { consecutiveFailures: 2, halfOpenAfterMs: 60_000 }, 'eu');
    await expect(circuit.execute(fault)).rejects.toThrow('down');
    await expect(circuit.execute(fault)).rejects.toThrow('down');
    const call = jest.fn(() => Promise.resolve('never'));
    const refused = jest.fn();
    const error = await circuit.execute(call, refused).catch((e: unknown) => e as ProviderUnavailableError);
    expect(call).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledTimes(1);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', provider: 'acme', retryAfterSeconds: 60 });
    expect((error as Error).message).toMatch(/^Acme \(account eu\) is unavailable \(circuit open after 2 failures in a row\)/);
    expect(circuit.toJSON()).toMatchObject({ provider: 'acme', account: 'eu', state: 'open' });
  });

  it('counts an answer (a 404) as a success: the provider is up', async () => {
    const circuit = new ProviderCircuit('acme', 'Acme', { consecutiveFailures: 1, halfOpenAfterMs: 60_000 });
    await expect(circuit.execute(() => Promise.reject(new NotFoundError('no', { provider: 'acme' })))).rejects.toThrow('no');
    expect(circuit.state).toBe('closed');
  });

  it('recognises faults by code, so errors from a second copy of the domain count too', () => {
    expect(isProviderFault(new ProviderTimeoutError('slow', { provider: 'acme' }))).toBe(true);
    expect(isProviderFault({ code: 'PROVIDER_UNAVAILABLE', provider: 'acme', message: 'copy' })).toBe(true);
    expect(isProviderFault({ code: 'NOT_FOUND', provider: 'acme' })).toBe(false);
    expect(isProviderFault(new Error('plain'))).toBe(false);
  });

  it('with false it is always closed and passes every call through', async () => {
    const circuit = new ProviderCircuit('acme', 'Acme', false);
    for (let i = 0; i < 5; i++) await circuit.execute(fault).catch(() => undefined);
    expect(circuit.enabled).toBe(false);
    expect(circuit.state).toBe('closed');
  });
});
