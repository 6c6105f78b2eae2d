/** Country codes the kit has content for (ISO 3166-1 alpha-2). Kept small: islands import it. */
export const COUNTRY_CODES = ['DE', 'DK', 'BG', 'HU'] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];
