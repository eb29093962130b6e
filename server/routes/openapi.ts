import { Router } from 'express';
import { buildOpenApi } from '@atlas-sharing/contract';
import type { Config } from '../config.js';

/**
 * GET /api/openapi.json: the OpenAPI 3.1 document generated from the contract (contract/), with this deployment's
 * public URL as its server. Needs no sign-in; built once, on first request.
 */
export function openApiRoutes(config: Pick<Config, 'publicUrl'>): Router {
  const router = Router();
  let body: string | undefined;
  router.get('/openapi.json', (_req, res) => {
    body ??= JSON.stringify(buildOpenApi({ serverUrl: config.publicUrl }));
    res.type('application/json').send(body);
  });
  return router;
}
