// The container's HEALTHCHECK (Dockerfile): exits 0 when GET /healthz answers 200 within 4 s, else 1. The slim image
// has no curl; Node is there anyway. Reads the port the server was given (ATLAS_PORT, default 8080).
const port = process.env.ATLAS_PORT || '8080';
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  process.exit(res.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
