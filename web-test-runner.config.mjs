// Component tests in Debian's Chromium (no browser download), against the real server started for the run.
// /api and /public requests from the test pages are forwarded to that server, so no fetch is mocked.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { startApiServer } from './test/support/api-server.mjs';

const api = await startApiServer();
process.on('exit', () => api.close());

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const FORWARDED = /^\/(api|public|healthz|assets)(\/|$|\?)/;

/** Koa middleware: forward to the Atlas server, keeping method, headers, body and status. */
async function forwardToApi(ctx, next) {
  if (!FORWARDED.test(ctx.url)) return next();
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const headers = { ...ctx.request.headers };
  delete headers.host;
  delete headers['content-length'];
  const response = await fetch(api.url + ctx.url, {
    method: ctx.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
    redirect: 'manual',
  });
  ctx.status = response.status;
  response.headers.forEach((value, key) => {
    if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(key)) ctx.set(key, value);
  });
  ctx.body = Buffer.from(await response.arrayBuffer());
}

export default {
  files: ['test/components/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  middleware: [forwardToApi],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./tsconfig.json', import.meta.url).pathname }),
  ],
};
