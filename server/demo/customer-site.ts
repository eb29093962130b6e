/**
 * The demo's "customer website" (SPEC V5, demo): a page of another site that embeds a public link in an iframe.
 * It is served on a second port AND under another host name than the Atlas server (127.0.0.1 vs localhost), so the
 * iframe is cross-site as on a real customer's domain: the browser treats it as a third-party frame, which is where
 * cookies are blocked and the viewer's Bearer passcode session has to work without them.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
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
  /** The Atlas server's public URL (with its path prefix, if any): the host portal page loads the elements from it. */
  atlasUrl: string;
  /**
   * Mints a host token for a demo user, as a real portal's backend would (README "Identity"). Without it the host
   * portal page cannot sign anyone in.
   */
  mintToken?: (username: string) => Promise<string>;
}

const HTML = 'text/html; charset=utf-8';
/** Only these files exist on the customer site; everything else is a 404 (no directory listing, no traversal). */
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'customer.html', type: HTML },
  '/customer.html': { file: 'customer.html', type: HTML },
  '/portal.html': { file: 'host-portal.html', type: HTML },
  '/host-portal.js': { file: 'host-portal.js', type: 'text/javascript; charset=utf-8' },
};

const USERNAME = /^[a-z][a-z0-9_-]{0,40}$/;

export async function startCustomerSite({
  port,
  host = '127.0.0.1',
  atlasUrl,
  mintToken,
}: CustomerSiteOptions): Promise<CustomerSite> {
  const atlas = atlasUrl.replace(/\/+$/, '');
  const atlasOrigin = new URL(atlas).origin;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://customer.invalid');
    if (url.pathname === '/portal/atlas-token' && req.method === 'GET') {
      await answerToken(res, url.searchParams.get('user') ?? '', mintToken);
      return;
    }
    const entry = FILES[url.pathname];
    if (!entry || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    try {
      const raw = await readFile(join(DEMO_DIR, entry.file), 'utf8');
      // The host portal page names the Atlas server it loads from, exactly as a real portal's template would.
      const body = raw.replaceAll('{{ATLAS_URL}}', escapeHtml(atlas));
      const headers: Record<string, string> = {
        'Content-Type': entry.type,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      };
      // The CSP a host page needs to use the elements from another origin (README "Embedding in your portal").
      if (entry.file === 'host-portal.html') headers['Content-Security-Policy'] = hostPortalCsp(atlasOrigin);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res
        .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('The customer page is missing from the demo folder.');
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

/** What a host page needs to run the elements from the Atlas origin: its scripts, and its API for fetch. */
export function hostPortalCsp(atlasOrigin: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${atlasOrigin}`,
    `connect-src 'self' ${atlasOrigin}`,
    // Lit's constructable stylesheets need no inline styles; Chart.js sizes its canvas with a style attribute.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

async function answerToken(res: ServerResponse, username: string, mintToken: CustomerSiteOptions['mintToken']) {
  const send = (status: number, text: string) =>
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(text);
  if (!mintToken) {
    send(404, 'This demo site has no sign-in.');
    return;
  }
  if (!USERNAME.test(username)) {
    send(400, 'Give ?user=<demo user name>.');
    return;
  }
  try {
    send(200, await mintToken(username));
  } catch {
    send(404, `No demo user '${username}'.`);
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

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
