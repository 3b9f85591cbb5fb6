/** The merchant behind the credentials, as `GET /v1/pay/me` describes it. */
export interface ZenkiMerchant {
  commercialName: string;
  legalName?: string;
  /** `PERSONAL` or `ENTITY`. */
  accountType: string;
  /** `PENDING`, `APPROVED`, `REQUEST_INFO` or `REJECTED`. */
  kycStatus: string;
  /** `PENDING` or `COMPLETED`. */
  integrationStatus: string;
  /** Discount in percent for paying with crypto love. */
  cryptoLovePercentage?: number;
  cryptoAssets: { currency: string; active: boolean }[];
  plugins: { name: string; clientId: string }[];
}
