import { describeLeaks, findLeaks, LogCapture, SensitiveValues } from '../support/log-leaks';

/** The check the harness runs after every e2e file, shown to fail when it should. */
describe('the log-leak check', () => {
  const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 'info', time: '2026-01-01T00:00:00.000Z', ...fields });

  it('reports a secret that was sent and then logged', () => {
    const capture = new LogCapture();
    const sent = new SensitiveValues();
    sent.addRequest(
      '/v1/klarna/customer-tokens',
      { authorization: 'Bearer live-api-key-0123456789' },
      JSON.stringify({ authorizationToken: 'auth-token-abcdef', billingAddress: { email: 'jane@example.com', phone: '+44 7700 900077' } }),
    );
    capture.write(`${line({ msg: 'request completed', status: 201 })}\n`);
    expect(findLeaks(capture.lines, sent)).toEqual([]);

    capture.write(`${line({ msg: 'oops', detail: 'sent live-api-key-0123456789 for jane@example.com' })}\n`);
    const leaks = findLeaks(capture.lines, sent);
    expect(leaks.map((leak) => leak.kind)).toEqual(['secret', 'secret']);
    expect(describeLeaks(leaks)).toMatch(/^2 log line\(s\) show a secret or personal value/);
    expect(describeLeaks(leaks)).not.toContain('live-api-key-0123456789');
  });

  it('allows a token id only as its suffix of at most four characters', () => {
    const sent = new SensitiveValues();
    sent.addRequest('/v1/klarna/customer-tokens/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f', {}, undefined);
    expect(findLeaks([line({ path: '/v1/klarna/customer-tokens/…5e6f' })], sent)).toEqual([]);
    expect(findLeaks([line({ path: '/v1/klarna/customer-tokens/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f' })], sent)).toHaveLength(1);
  });

  it('catches eight characters in a row of a token a provider issued, and JSON-escaped values', () => {
    const received = new SensitiveValues();
    received.addFieldsOf({ accessToken: 'zsim_O1MTJzabLHrbCR4c9oISzPMyTrhx3LeGz6xpMQcRqrE' }, 'response');
    expect(findLeaks([line({ msg: 'token zsim_O1MTJzab…' })], received)).toHaveLength(1);
    expect(findLeaks([line({ msg: 'token …qrE' })], received)).toEqual([]);
    const sent = new SensitiveValues();
    sent.addFieldsOf({ customer: { streetAddress: 'Flat "2", Lombard St' } }, 'request');
    expect(findLeaks([line({ msg: 'address Flat "2", Lombard St' })], sent)).toHaveLength(1);
  });

  it("does not take another UUID's shared dash structure for a leak of a random UUID, but catches 8 of its characters", () => {
    const received = new SensitiveValues();
    received.addFieldsOf({ authorizationToken: '71d2f0aa-0b1c-4348-b5a1-9f8e7d6c5b4a' }, 'response');
    // A request id that happens to share "-4348-b5" with it: structure, not the secret.
    expect(findLeaks([line({ reqId: 'df15273f-19b0-4348-b525-983ac58b1d73' })], received)).toEqual([]);
    expect(findLeaks([line({ msg: 'authorization 9f8e7d6c5b4a' })], received)).toHaveLength(1);
    expect(findLeaks([line({ msg: 'authorization 71d2f0aa…' })], received)).toHaveLength(1);
  });

  it('matches short values (four SSN digits, a family name) as whole words in string values only', () => {
    const sent = new SensitiveValues();
    sent.addFieldsOf({ customer: { lastFourSsn: '1234' }, billingAddress: { familyName: 'Doe' } }, 'request');
    expect(findLeaks([JSON.stringify({ pid: 1234, durationMs: 12.34, msg: 'Doexyz 91234' })], sent)).toEqual([]);
    expect(findLeaks([JSON.stringify({ msg: 'ssn 1234 of J. Doe' })], sent)).toHaveLength(2);
  });

  it('does not count the sha256: form of a key as a secret: configuration may hold it in clear', () => {
    const sent = new SensitiveValues();
    sent.addRequest('/v1/zenki/access-tokens', { authorization: `Bearer sha256:${'ab'.repeat(32)}` }, undefined);
    expect(sent.size).toBe(0);
  });
});
