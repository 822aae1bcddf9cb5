/**
 * Serves the built site (`dist/`) on a free local port, the way a static host would: directory
 * URLs get their index.html, `/x` redirects to `/x/` when x is a folder, unknown paths get the
 * site's 404 page. Shared by the browser tests and `npm run bench`.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface PreviewServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** Site root including the base path, e.g. `http://127.0.0.1:41234/` or `…/kms-errors/`. */
  url: string;
  /** Absolute URL of a site path: `urlFor('/playground/')`. */
  urlFor(path: string): string;
  close(): Promise<void>;
}

export interface PreviewServerOptions {
  /** Folder to serve; default `SITE_DIR`, else the project's `dist/`. */
  root?: string;
  /** Base path the site was built for; default `BASE_PATH` or `/`. */
  base?: string;
  /** Extra headers on every response (e.g. a Content-Security-Policy to try out). */
  headers?: Readonly<Record<string, string>>;
  /** Serve text, scripts, JSON and fonts gzip-compressed to clients that accept it, as a CDN does. */
  gzip?: boolean;
  /** Told the size of every response body sent (compressed when gzip is on), e.g. to count page weight. */
  onSent?: (path: string, bodyBytes: number) => void;
}

/** Already compressed formats gain nothing from gzip. */
const STORED_AS_IS = new Set(['.png', '.jpg', '.webp', '.woff', '.woff2']);

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

export async function startPreviewServer(options: PreviewServerOptions = {}): Promise<PreviewServer> {
  const root = resolve(options.root ?? process.env.SITE_DIR ?? join(PROJECT_ROOT, 'dist'));
  const base = normaliseBase(options.base ?? process.env.BASE_PATH ?? '/');
  const rootStat = await stat(join(root, 'index.html')).catch(() => undefined);
  if (!rootStat) throw new Error(`No built site in ${root} (index.html missing): run \`npm run build\` first.`);

  const compressed = new Map<string, Promise<Buffer>>();
  const server = createServer(async (request, response) => {
    const send = (status: number, file?: string, headers: Record<string, string> = {}) => {
      const gzip = Boolean(
        options.gzip &&
        file &&
        !STORED_AS_IS.has(extname(file)) &&
        /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')),
      );
      const encoding: Record<string, string> = gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {};
      response.writeHead(status, {
        ...options.headers,
        ...headers,
        ...encoding,
        ...(file ? { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' } : {}),
      });
      if (!file || request.method === 'HEAD') return void response.end();
      if (gzip) {
        if (!compressed.has(file))
          compressed.set(
            file,
            readFile(file).then((body) => gzipSync(body)),
          );
        return void compressed.get(file)!.then(
          (body) => {
            options.onSent?.(request.url ?? '', body.length);
            response.end(body);
          },
          () => response.destroy(),
        );
      }
      // The file can vanish between stat and read (a rebuild): end the response, don't crash.
      let sent = 0;
      createReadStream(file)
        .on('data', (chunk) => (sent += chunk.length))
        .on('end', () => options.onSent?.(request.url ?? '', sent))
        .on('error', () => response.destroy())
        .pipe(response);
    };
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const pathname = decodeURIComponent(url.pathname);
      if (!pathname.startsWith(base)) return send(404);
      const relative = normalize(pathname.slice(base.length));
      const file = join(root, relative);
      if (file !== root && !file.startsWith(root + sep)) return send(403);
      const info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        if (!pathname.endsWith('/')) return send(301, undefined, { location: `${pathname}/${url.search}` });
        const index = join(file, 'index.html');
        if (await stat(index).catch(() => undefined)) return send(200, index);
      } else if (info?.isFile()) {
        return send(200, file);
      }
      const notFound = join(root, '404.html');
      return (await stat(notFound).catch(() => undefined)) ? send(404, notFound) : send(404);
    } catch {
      return send(500);
    }
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ready());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${base}`,
    urlFor: (path) => `${origin}${base}${path.replace(/^\//, '')}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function normaliseBase(base: string): string {
  const withLeading = base.startsWith('/') ? base : `/${base}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}
