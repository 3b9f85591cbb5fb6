import { ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';
import { KlarnaSimulator } from '@paytokens/adapters-klarna/simulator';
import { startTestApi } from './support/api-harness';

describe('Health (e2e)', () => {
  it('is live, and ready when both simulated providers answer', async () => {
    const api = await startTestApi();
    try {
      const live = await api.call('GET', '/health/live', { apiKey: null });
      expect(live.status).toBe(200);
      expect(live.body.status).toBe('ok');
      const ready = await api.call('GET', '/health/ready', { apiKey: null });
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        details: {
          klarna: { status: 'up', simulated: true, reachable: true },
          zenki: { status: 'up', simulated: true, accessToken: 'available' },
        },
      });
      // Readiness fetched the token: the cache is warm for the first caller.
      expect(api.simulators!.zenki.issuedCount).toBe(1);
      expect(ready.text).not.toMatch(/zsim_/);
    } finally {
      await api.close();
    }
  });

  it('is not ready (503) when a provider cannot be used, and says which', async () => {
    const klarna = await KlarnaSimulator.start();
    const zenki = await ZenkiSimulator.start({ clientId: 'merchant', clientSecret: 'right-secret' });
    const api = await startTestApi({
      SIMULATE_PROVIDERS: 'false',
      KLARNA_BASE_URL: klarna.url,
      KLARNA_USERNAME: 'PK_user',
      KLARNA_PASSWORD: 'pw',
      ZENKI_BASE_URL: zenki.url,
      ZENKI_CLIENT_ID: 'merchant',
      ZENKI_CLIENT_SECRET: 'wrong-secret',
      // Every probe checks afresh here: this test follows a provider going away.
      READINESS_CACHE_MS: '0',
    });
    try {
      const ready = await api.call('GET', '/health/ready', { apiKey: null });
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'error',
        info: { klarna: { status: 'up', simulated: false } },
        error: { zenki: { status: 'down', code: 'PROVIDER_AUTHENTICATION_FAILED' } },
      });
      await klarna.close();
      const klarnaGone = await api.call('GET', '/health/ready', { apiKey: null });
      expect(klarnaGone.body.error.klarna).toMatchObject({ status: 'down', reachable: false });
      expect(klarnaGone.text).not.toContain('wrong-secret');
    } finally {
      await api.close();
      await klarna.close();
      await zenki.close();
    }
  });
});
