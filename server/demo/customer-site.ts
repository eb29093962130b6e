/**
 * The demo's "customer website" (SPEC V5, demo): a page of another site that embeds a public link in an iframe.
 * It is served on a second port AND under another host name than the Atlas server (127.0.0.1 vs localhost), so the
 * iframe is cross-site as on a real customer's domain: the browser treats it as a third-party frame, which is where
 * cookies are blocked and the viewer's Bearer passcode session has to work without them.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEMO_DIR } from '../paths.js';

export interface CustomerSite {
  /** Address of the customer page, e.g. `http://127.0.0.1:8081/`. */
  url: string;
  close(): Promise<void>;
}

export interface CustomerSiteOptions {
  /** Port to listen on; 0 picks a free one. When the port is taken, a free one is used instead. */
  port: number;
  /** Host name the page is reached by; choose one that differs from the Atlas server's, so the frame is third-party. */
  host?: string;
}

/** Only these files exist on the customer site; everything else is a 404 (no directory listing, no traversal). */
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'customer.html', type: 'text/html; charset=utf-8' },
  '/customer.html': { file: 'customer.html', type: 'text/html; charset=utf-8' },
};

export async function startCustomerSite({ port, host = '127.0.0.1' }: CustomerSiteOptions): Promise<CustomerSite> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://customer.invalid').pathname;
    const entry = FILES[path];
    if (!entry || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    try {
      const body = await readFile(join(DEMO_DIR, entry.file));
      res.writeHead(200, { 'Content-Type': entry.type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The customer page is missing from the demo folder.');
    }
  });
  const listening = await listen(server, port, host).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE' || port === 0) throw err;
    return listen(server, 0, host);
  });
  const address = listening.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
