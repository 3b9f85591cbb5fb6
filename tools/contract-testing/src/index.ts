// Test-only helpers: validate traffic against the providers' published OpenAPI documents.
export * from './openapi-contract';
export * from './contracts';
