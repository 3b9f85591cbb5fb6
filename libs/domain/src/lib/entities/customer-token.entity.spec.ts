import { CustomerToken, CustomerTokenStatus, type CustomerTokenProps } from './customer-token.entity';

const fullProps: CustomerTokenProps = {
  tokenId: 'f5ae6c1b-37d8-4c3b-9a6c-0bd0d5b4c2a1',
  status: 'ACTIVE',
  redirectUrl: 'https://example.com/redirect',
  paymentMethodReference: 'pm-ref-1',
  paymentMethodType: 'CARD',
  billingAddress: { givenName: 'Jane', familyName: 'Doe', country: 'GB' },
  customer: { type: 'person', dateOfBirth: '1990-02-28' },
  card: { brand: 'VISA', expiryDate: '12/30', maskedNumber: '************1111' },
  directDebit: { maskedNumber: '****1234' },
};

describe('CustomerToken', () => {
  it.each([
    [CustomerTokenStatus.Active, true],
    [CustomerTokenStatus.Cancelled, false],
    [CustomerTokenStatus.Suspended, false],
    ['SOMETHING_NEW', false],
  ])('isActive is %p -> %p', (status, active) => {
    expect(new CustomerToken({ tokenId: 't-1', status }).isActive).toBe(active);
  });

  it('round-trips every field through toProps, also through JSON', () => {
    const token = new CustomerToken(fullProps);
    expect(token.toProps()).toEqual(fullProps);
    expect(new CustomerToken(token.toProps()).toProps()).toEqual(fullProps);
    expect(new CustomerToken(JSON.parse(JSON.stringify(token.toProps())) as CustomerTokenProps).toProps()).toEqual(fullProps);
  });

  it('leaves unset fields out of toProps', () => {
    const props = new CustomerToken({ tokenId: 't-1', status: 'CANCELLED' }).toProps();
    expect(props).toEqual({ tokenId: 't-1', status: 'CANCELLED' });
    expect(Object.keys(props).sort()).toEqual(['status', 'tokenId']);
  });

  it('refuses an empty tokenId', () => {
    expect(() => new CustomerToken({ tokenId: '', status: 'ACTIVE' })).toThrow(TypeError);
  });
});
