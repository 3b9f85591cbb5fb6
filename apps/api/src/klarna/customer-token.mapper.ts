import type { CustomerToken, CustomerTokenRequestInput } from '@paytokens/domain';
import type { CreateCustomerTokenDto } from './dto/create-customer-token.dto';
import type { CreatedCustomerTokenResponse, CustomerTokenResponse } from './dto/customer-token.responses';

/** The domain's input from a validated body; only fields that were sent, so the domain sees no empty keys. */
export function toCustomerTokenRequestInput(dto: CreateCustomerTokenDto): CustomerTokenRequestInput {
  return definedOnly({
    authorizationToken: dto.authorizationToken,
    purchaseCountry: dto.purchaseCountry,
    purchaseCurrency: dto.purchaseCurrency,
    locale: dto.locale,
    description: dto.description,
    intendedUse: dto.intendedUse,
    billingAddress: dto.billingAddress && definedOnly({ ...dto.billingAddress }),
    customer: dto.customer && definedOnly({ ...dto.customer }),
  }) as CustomerTokenRequestInput;
}

/** The 201 body of a created (or replayed) token. */
export function toCreatedResponse(token: CustomerToken): CreatedCustomerTokenResponse {
  return definedOnly({
    tokenId: token.tokenId,
    redirectUrl: token.redirectUrl,
    paymentMethodReference: token.paymentMethodReference,
    billingAddress: token.billingAddress,
    customer: token.customer,
  }) as CreatedCustomerTokenResponse;
}

/** The 200 body of a read token. */
export function toTokenResponse(token: CustomerToken): CustomerTokenResponse {
  return definedOnly({
    tokenId: token.tokenId,
    status: token.status,
    paymentMethodType: token.paymentMethodType,
    card: token.card,
    directDebit: token.directDebit,
  }) as CustomerTokenResponse;
}

function definedOnly<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
