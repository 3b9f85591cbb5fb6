// Zenki's JSON as its OpenAPI document defines it (camelCase). Nothing past the mapper sees these shapes.

/** `POST /v1/oauth/tokens` request body. */
export interface ZenkiTokenRequest {
  clientId: string;
  clientSecret: string;
  grantType: 'client_credentials';
}

/** `POST /v1/oauth/tokens` 2xx answer (`TokenOAuth2`); read leniently by the mapper. */
export interface ZenkiTokenResponse {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  tokenType?: string;
}

/** The token endpoint's failure answer (`AuthenticationErrorResponse`). */
export interface ZenkiAuthenticationErrorResponse {
  error?: string;
  errorDescription?: string;
}

/** Every other operation's failure answer (`ErrorResponse`). */
export interface ZenkiErrorResponse {
  requestId?: string;
  title?: string;
  humanMessage?: string;
  errorCode?: string | number;
  validationErrors?: { field?: string; message?: string }[];
}
