import type { FieldErrors } from '../value-objects/field-errors';

/** Where the provider sends the shopper or its callbacks. Absolute http(s) URLs, at most 2000 characters. */
export interface MerchantUrls {
  confirmation?: string;
  notification?: string;
  push?: string;
  authorization?: string;
}

/** Parses merchant URLs, allowing only the names in `allowed` (the APIs accept different sets). */
export function parseMerchantUrls(errors: FieldErrors, value: unknown, allowed: readonly (keyof MerchantUrls)[]): MerchantUrls | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.add('merchantUrls', 'must be an object');
    return undefined;
  }
  const urls: MerchantUrls = {};
  for (const [key, url] of Object.entries(value as Record<string, unknown>)) {
    const field = `merchantUrls.${key}`;
    if (!allowed.includes(key as keyof MerchantUrls)) {
      errors.add(field, 'is not a known field');
      continue;
    }
    const text = errors.optionalString(field, url, 2000, 1);
    if (text === undefined) continue;
    if (!isHttpUrl(text)) errors.add(field, 'must be an absolute http or https URL');
    else urls[key as keyof MerchantUrls] = text;
  }
  return urls;
}

function isHttpUrl(text: string): boolean {
  // Klarna substitutes placeholders such as {session.id} or {checkout.order.id}; braces are legal here.
  if (!/^https?:\/\/[^\s]+$/i.test(text)) return false;
  try {
    new URL(text.replace(/[{}]/g, ''));
    return true;
  } catch {
    return false;
  }
}
