import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import type { ApiKeyRing } from './api-key-ring';
import { authenticate } from './authenticate';
import type { AuthenticatedRequest } from './authenticated-request';

/** Lets in requests carrying `Authorization: Bearer <api key>` with one of the configured keys; 401 otherwise. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ApiKeyRing;

  constructor(@Inject(appConfig.KEY) app: AppConfig) {
    this.keys = app.apiKeys;
  }

  canActivate(context: ExecutionContext): boolean {
    authenticate(context.switchToHttp().getRequest<AuthenticatedRequest>(), this.keys);
    return true;
  }
}
