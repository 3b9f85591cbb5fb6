import { klarnaCustomerTokenContract, klarnaPaymentsContract } from '@paytokens/contract-testing';
import { PaymentSessionRequest, TokenChargeRequest } from '@paytokens/domain';
import { fromMerchantSession, fromOrder, fromSessionRead, toSessionCreateBody, toTokenOrderBody } from './klarna-flow.mapper';

const line = {
  type: 'digital',
  reference: 'SKU-1',
  name: 'Box',
  quantity: 1,
  unitPrice: 1000,
  taxRate: 2000,
  totalAmount: 1000,
  totalTaxAmount: 167,
};

describe('Klarna flow wire mapping', () => {
  it('maps a session request to a session_create the Payments API document accepts', () => {
    const request = PaymentSessionRequest.create({
      intent: 'buy_and_tokenize',
      purchaseCountry: 'GB',
      purchaseCurrency: 'GBP',
      locale: 'en-GB',
      orderAmount: 1000,
      orderTaxAmount: 167,
      orderLines: [line],
      merchantUrls: { confirmation: 'https://shop.example/ok' },
      merchantReference1: 'cart-1',
      billingAddress: { givenName: 'Jane', country: 'GB' },
      customer: { dateOfBirth: '1980-01-02' },
    });
    const body = toSessionCreateBody(request);
    expect(body).toEqual({
      intent: 'buy_and_tokenize',
      purchase_country: 'GB',
      purchase_currency: 'GBP',
      locale: 'en-GB',
      order_amount: 1000,
      order_tax_amount: 167,
      order_lines: [
        {
          type: 'digital',
          reference: 'SKU-1',
          name: 'Box',
          quantity: 1,
          unit_price: 1000,
          tax_rate: 2000,
          total_amount: 1000,
          total_tax_amount: 167,
        },
      ],
      merchant_urls: { confirmation: 'https://shop.example/ok' },
      merchant_reference1: 'cart-1',
      billing_address: { given_name: 'Jane', country: 'GB' },
      customer: { date_of_birth: '1980-01-02' },
    });
    expect(klarnaPaymentsContract().validateRequest('POST', '/payments/v1/sessions', body)).toEqual({ valid: true, errors: [] });
  });

  it('maps a charge to a customer_token_order the Customer Token API document accepts', () => {
    const body = toTokenOrderBody(
      TokenChargeRequest.create({
        tokenId: 't',
        purchaseCurrency: 'GBP',
        orderAmount: 1000,
        orderTaxAmount: 167,
        orderLines: [line],
        merchantReference1: 'renewal-1',
        autoCapture: true,
      }),
    );
    expect(body).toMatchObject({
      purchase_currency: 'GBP',
      order_amount: 1000,
      order_tax_amount: 167,
      auto_capture: true,
      merchant_reference1: 'renewal-1',
    });
    expect(klarnaCustomerTokenContract().validateRequest('POST', '/customer-token/v1/tokens/t/order', body)).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('reads merchant_session, session_read and order answers, refusing bodies that are not', () => {
    expect(
      fromMerchantSession({
        session_id: 's',
        client_token: 'ct',
        payment_method_categories: [{ identifier: 'pay_later', name: 'Pay later' }, { name: 'no id' }],
      }),
    ).toMatchObject({
      sessionId: 's',
      clientToken: 'ct',
      paymentMethodCategories: [{ identifier: 'pay_later', name: 'Pay later' }],
    });
    expect(fromMerchantSession({ client_token: 'ct' })).toBeUndefined();
    expect(fromSessionRead('s', { status: 'complete', intent: 'tokenize', order_amount: 5, purchase_country: 'GB' })).toMatchObject({
      sessionId: 's',
      status: 'complete',
      intent: 'tokenize',
      orderAmount: 5,
      purchaseCountry: 'GB',
    });
    expect(fromSessionRead('s', 'x')).toBeUndefined();
    expect(
      fromOrder({
        order_id: 'o',
        fraud_status: 'ACCEPTED',
        redirect_url: 'https://r',
        authorized_payment_method: { type: 'invoice', number_of_days: 30 },
      })?.toProps(),
    ).toEqual({
      orderId: 'o',
      fraudStatus: 'ACCEPTED',
      redirectUrl: 'https://r',
      authorizedPaymentMethod: { type: 'invoice', numberOfDays: 30 },
    });
    expect(fromOrder({ fraud_status: 'ACCEPTED' })).toBeUndefined();
  });
});
