import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

// The UI's files come from swagger-ui-dist (a dependency of @nestjs/swagger) and are served from a fixed
// list, so no request path ever reaches the file system. @nestjs/swagger would serve them through
// @fastify/static, which this app does not depend on.
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** Serves Swagger UI at `path` for the OpenAPI document at `documentUrl`. */
export function serveSwaggerUi(app: NestFastifyApplication, path: string, documentUrl: string, title: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  const assetsDir = dirname(require.resolve('swagger-ui-dist/package.json', { paths: [dirname(require.resolve('@nestjs/swagger'))] }));
  const cache = new Map<string, Buffer>();

  fastify.get(path, (_request, reply) => {
    reply.type('text/html; charset=utf-8').send(page(path, title));
  });
  fastify.get(`${path}/swagger-initializer.js`, (_request, reply) => {
    reply.type('application/javascript; charset=utf-8').send(initializer(documentUrl));
  });
  for (const [file, type] of Object.entries(ASSETS)) {
    fastify.get(`${path}/${file}`, async (_request, reply) => {
      let content = cache.get(file);
      if (!content) {
        content = await readFile(join(assetsDir, file));
        cache.set(file, content);
      }
      reply.type(type).header('cache-control', 'public, max-age=86400').send(content);
    });
  }
}

function page(path: string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <link rel="stylesheet" href="${path}/swagger-ui.css">
  <link rel="stylesheet" href="${path}/index.css">
  <link rel="icon" type="image/png" href="${path}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${path}/swagger-ui-bundle.js"></script>
  <script src="${path}/swagger-ui-standalone-preset.js"></script>
  <script src="${path}/swagger-initializer.js"></script>
</body>
</html>
`;
}

function initializer(documentUrl: string): string {
  return `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(documentUrl)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout'
  });
};
`;
}
