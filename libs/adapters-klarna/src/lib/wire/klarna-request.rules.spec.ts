import { klarnaCustomerTokenContract, klarnaPaymentsContract } from '@paytokens/contract-testing';
import fc from 'fast-check';
import { checkCustomerTokenCreationRequest, checkStatusUpdateRequest, toDomainFieldPath } from './klarna-request.rules';

const payments = klarnaPaymentsContract();
const tokens = klarnaCustomerTokenContract();

const valid = {
  purchase_country: 'GB',
  purchase_currency: 'GBP',
  locale: 'en-GB',
  description: 'Subscription',
  intended_use: 'SUBSCRIPTION',
};
const paths = (body: unknown) => checkCustomerTokenCreationRequest(body).map((e) => e.path);

describe('Klarna request rules', () => {
  it('accept the minimal request', () => {
    expect(checkCustomerTokenCreationRequest(valid)).toEqual([]);
  });

  it('name every missing required field', () => {
    expect(paths({})).toEqual(['description', 'intended_use', 'locale', 'purchase_country', 'purchase_currency']);
  });

  it.each([
    ['purchase_country', 'GBR'],
    ['purchase_currency', 'GB'],
    ['locale', 'en_GB'],
    ['intended_use', 'ONE_OFF'],
    ['description', ''],
    ['description', 'd'.repeat(256)],
  ])('refuse %s = %j', (field, value) => {
    expect(paths({ ...valid, [field]: value })).toEqual([field]);
  });

  it.each([
    ['billing_address.city', { billing_address: { city: 'c'.repeat(100) } }],
    ['billing_address.postal_code', { billing_address: { postal_code: '12345678901' } }],
    ['billing_address.title', { billing_address: { title: 't'.repeat(21) } }],
    ['billing_address.country', { billing_address: { country: 'G1' } }],
    ['customer.last_four_ssn', { customer: { last_four_ssn: '12345' } }],
    ['customer.type', { customer: { type: 'company' } }],
    ['customer.organization_entity_type', { customer: { organization_entity_type: 'LLC' } }],
    ['customer.date_of_birth', { customer: { date_of_birth: '1978-02-30' } }],
    ['customer.date_of_birth', { customer: { date_of_birth: '31.12.1978' } }],
    ['customer.vat_id', { customer: { vat_id: 42 } }],
  ])('refuse %s', (path, extra) => {
    expect(paths({ ...valid, ...extra })).toEqual([path]);
  });

  it('count characters, not UTF-16 units, as JSON Schema does', () => {
    expect(paths({ ...valid, billing_address: { title: '😀'.repeat(20) } })).toEqual([]);
    expect(paths({ ...valid, billing_address: { title: '😀'.repeat(21) } })).toEqual(['billing_address.title']);
  });

  it('agree with the published customer_token_creation_request schema on arbitrary bodies', () => {
    const unit = fc.constantFrom('a', 'Z', 'é', '😀', '-', '1', ' ');
    const wrongType = fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.constant([]));
    // Mostly valid values, so that whole bodies pass often enough; sometimes one broken value.
    const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
      fc.oneof({ weight: 60, arbitrary: good as fc.Arbitrary<T | U> }, { weight: 1, arbitrary: bad as fc.Arbitrary<T | U> });
    const text = (min: number, max: number) =>
      mostly(
        fc.oneof(fc.string({ unit, minLength: min, maxLength: max }), fc.string({ unit, minLength: max, maxLength: max })),
        min > 0
          ? fc.oneof(fc.string({ unit, minLength: max + 1, maxLength: max + 2 }), wrongType, fc.constant(''))
          : fc.oneof(fc.string({ unit, minLength: max + 1, maxLength: max + 2 }), wrongType),
      );
    const code = (n: number) =>
      mostly(
        fc.stringMatching(new RegExp(`^[A-Za-z]{${n}}$`)),
        fc.oneof(fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${n - 1},${n + 1}}$`)), wrongType),
      );
    const address = fc.record(
      {
        attention: text(0, 99),
        city: text(0, 99),
        country: code(2),
        email: text(0, 99),
        family_name: text(0, 99),
        given_name: text(0, 99),
        organization_name: text(0, 99),
        phone: text(0, 99),
        postal_code: text(0, 10),
        region: text(0, 99),
        street_address: text(0, 99),
        street_address2: text(0, 99),
        title: text(0, 20),
      },
      { requiredKeys: [] },
    );
    // date_of_birth's format is prose in the document (ajv cannot see it): only real dates or wrong types here.
    const dateOfBirth = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const customer = fc.record(
      {
        date_of_birth: mostly(dateOfBirth, wrongType),
        gender: text(0, 10),
        last_four_ssn: mostly(fc.stringMatching(/^([0-9]{4}|[0-9]{9})$/), fc.stringMatching(/^[0-9]{3,10}$/)),
        national_identification_number: text(0, 20),
        organization_entity_type: mostly(
          fc.constantFrom('LIMITED_COMPANY', 'OTHER', 'SOLE_TRADER'),
          fc.oneof(fc.constantFrom('LLC', 'limited_company'), wrongType),
        ),
        organization_registration_id: text(0, 20),
        title: text(0, 20),
        type: mostly(fc.constantFrom('person', 'organization'), fc.constantFrom('Person', 'company', '')),
        vat_id: text(0, 20),
      },
      { requiredKeys: [] },
    );
    const required = ['purchase_country', 'purchase_currency', 'locale', 'description', 'intended_use'] as const;
    const body = fc
      .tuple(
        fc.record({
          purchase_country: code(2),
          purchase_currency: code(3),
          locale: mostly(
            fc.constantFrom('en-GB', 'en', 'sv-SE-FI', 'DE-de'),
            fc.oneof(fc.constantFrom('en_GB', 'e1-GB', 'en-GB-'), wrongType),
          ),
          description: text(1, 255),
          intended_use: mostly(fc.constant('SUBSCRIPTION'), fc.oneof(fc.constantFrom('subscription', ''), wrongType)),
          billing_address: mostly(address, wrongType),
          customer: mostly(customer, wrongType),
        }),
        fc.option(fc.constantFrom(...required), { freq: 12 }),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([record, missing, withAddress, withCustomer]) => {
        const candidate: Record<string, unknown> = { ...record };
        if (missing !== null) delete candidate[missing];
        if (!withAddress) delete candidate['billing_address'];
        if (!withCustomer) delete candidate['customer'];
        return candidate;
      });

    let accepted = 0;
    fc.assert(
      fc.property(body, (candidate) => {
        const ours = checkCustomerTokenCreationRequest(candidate).length === 0;
        if (ours) accepted++;
        const contract = payments.validateSchema('customer_token_creation_request', candidate);
        expect({ ours, errors: contract.errors }).toEqual({ ours: contract.valid, errors: contract.errors });
      }),
      { numRuns: 400, seed: 20260101 },
    );
    // Both sides of the boundary were explored, not only refusals.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(360);
  });

  it('check the status update like the published customer_token_status_update_request schema', () => {
    for (const body of [{ status: 'CANCELLED' }, { status: 'ACTIVE' }, {}, { status: 1 }, []]) {
      expect(checkStatusUpdateRequest(body).length === 0).toBe(tokens.validateSchema('customer_token_status_update_request', body).valid);
    }
  });

  it('turn wire paths into the domain names', () => {
    expect(toDomainFieldPath('billing_address.street_address2')).toBe('billingAddress.streetAddress2');
    expect(toDomainFieldPath('customer.last_four_ssn')).toBe('customer.lastFourSsn');
    expect(toDomainFieldPath('purchase_country')).toBe('purchaseCountry');
  });
});
