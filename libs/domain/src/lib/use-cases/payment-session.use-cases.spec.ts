import { ValidationError } from '../errors/errors';
import { PaymentSession } from '../payment-session/payment-session.entity';
import { PaymentSessionRequest } from '../payment-session/payment-session-request';
import type { PaymentSessionGateway } from '../ports/payment-session-gateway.port';
import { Secret } from '../value-objects/secret';
import { CancelAuthorization, CreatePaymentSession, ReadPaymentSession } from './payment-session.use-cases';

class RecordingGateway implements PaymentSessionGateway {
  readonly provider = 'test';
  readonly calls: unknown[][] = [];
  async createSession(request: PaymentSessionRequest): Promise<PaymentSession> {
    this.calls.push(['create', request.intent]);
    return new PaymentSession({
      sessionId: 's-1',
      clientToken: 'ct',
      paymentMethodCategories: [{ identifier: 'pay_later' }],
      intent: request.intent,
    });
  }
  async readSession(sessionId: string): Promise<PaymentSession> {
    this.calls.push(['read', sessionId]);
    return new PaymentSession({ sessionId, paymentMethodCategories: [], status: 'incomplete' });
  }
  async cancelAuthorization(token: Secret): Promise<void> {
    this.calls.push(['cancel', token.reveal()]);
  }
}

describe('payment session use cases', () => {
  const request = PaymentSessionRequest.create({
    purchaseCountry: 'SE',
    purchaseCurrency: 'SEK',
    locale: 'sv-SE',
    orderAmount: 100,
    orderLines: [{ name: 'x', quantity: 1, unitPrice: 100, totalAmount: 100 }],
  });

  it('creates, reads and cancels through the gateway', async () => {
    const gateway = new RecordingGateway();
    expect((await new CreatePaymentSession(gateway).execute(request)).intent).toBe('tokenize');
    expect((await new ReadPaymentSession(gateway).execute('s-1')).status).toBe('incomplete');
    await new CancelAuthorization(gateway).execute('auth-123');
    expect(gateway.calls).toEqual([
      ['create', 'tokenize'],
      ['read', 's-1'],
      ['cancel', 'auth-123'],
    ]);
  });

  it('refuses ids that cannot be path segments before any call', async () => {
    const gateway = new RecordingGateway();
    await expect(new ReadPaymentSession(gateway).execute('../x')).rejects.toMatchObject({ errors: [{ field: 'sessionId' }] });
    await expect(new CancelAuthorization(gateway).execute(Secret.of('a/b'))).rejects.toBeInstanceOf(ValidationError);
    expect(gateway.calls).toEqual([]);
  });
});
