import { Router } from 'express';
import type { Store } from '../store/types.js';
import { requestIdOf } from '../http/request-id.js';

export function healthRoutes(store: Store): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    let ok: boolean;
    try {
      ok = await store.ping();
    } catch {
      ok = false;
    }
    res.setHeader('Cache-Control', 'no-store');
    if (ok) res.json({ ok: true });
    else
      res.status(503).json({
        ok: false,
        error: { code: 'store_unavailable', message: 'The database does not answer.', requestId: requestIdOf(res) },
      });
  });
  return router;
}
