import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { ApiProblemException } from '../problem/api-problem.exception';
import type { ApiKeyRing } from './api-key-ring';
import type { AuthenticatedRequest } from './authenticated-request';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** Lets in requests carrying `Authorization: Bearer <api key>` with one of the configured keys; 401 otherwise. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ApiKeyRing;

  constructor(@Inject(appConfig.KEY) app: AppConfig) {
    this.keys = app.apiKeys;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header) throw ApiProblemException.unauthenticated('Send your API key as "Authorization: Bearer <api key>".');
    const presented = BEARER.exec(header)?.[1];
    // The rate-limit hook may have verified this same header already (it sets apiKeyId only for a valid key).
    const keyId = request.apiKeyId ?? (presented === undefined ? undefined : this.keys.verify(presented));
    if (keyId === undefined) throw ApiProblemException.unauthenticated('The API key is not valid.');
    request.apiKeyId = keyId;
    request.apiKeyAccounts = this.keys.accountsOf(keyId);
    return true;
  }
}
