/** Klarna's API regions: Europe, North America, Oceania. */
export const KLARNA_REGIONS = ['eu', 'na', 'oc'] as const;
/** One of {@link KLARNA_REGIONS}. */
export type KlarnaRegion = (typeof KLARNA_REGIONS)[number];

/** Klarna's environments: the playground (test credentials, no real money) and production. */
export const KLARNA_ENVIRONMENTS = ['playground', 'production'] as const;
/** One of {@link KLARNA_ENVIRONMENTS}. */
export type KlarnaEnvironment = (typeof KLARNA_ENVIRONMENTS)[number];

// docs.klarna.com/api/api-urls: one host per region, the playground hosts carry ".playground".
const REGION_HOST_PREFIX: Record<KlarnaRegion, string> = { eu: 'api', na: 'api-na', oc: 'api-oc' };

/** The API base URL for a region and environment, e.g. `https://api-na.playground.klarna.com`. */
export function klarnaBaseUrl(region: KlarnaRegion, environment: KlarnaEnvironment): string {
  if (!KLARNA_REGIONS.includes(region)) throw new RangeError(`Unknown Klarna region; expected one of ${KLARNA_REGIONS.join(', ')}`);
  if (!KLARNA_ENVIRONMENTS.includes(environment)) {
    throw new RangeError(`Unknown Klarna environment; expected one of ${KLARNA_ENVIRONMENTS.join(', ')}`);
  }
  const playground = environment === 'playground' ? '.playground' : '';
  return `https://${REGION_HOST_PREFIX[region]}${playground}.klarna.com`;
}
