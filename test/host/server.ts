import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
export const HOST_BUILD_DIR = join(ROOT, "test-results/host");

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
};

export interface HostServer {
  /** Page root including the base path, e.g. http://127.0.0.1:41234/stash/ */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the host page (with `<base href>` = `basePath`), the built UI bundle from dist/, the built host script,
 * and proxies /graphql and /scene/* to `stashUrl` (the fake Stash) with the base path
 * removed, as a reverse proxy in front of Stash would.
 */
export async function serveHost(options: {
  port?: number;
  stashUrl: string;
  basePath?: string;
  /** Sent upstream when the browser sends no Cookie (the demo: a page opened without logging in to Stash). */
  upstreamCookie?: string;
  /** Extra routes tried before the host page (the demo's control panel); return false to fall through. */
  extraRoute?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
  /** HTML added at the end of the host page's body (the demo's control panel). */
  pageExtras?: string;
}): Promise<HostServer> {
  const base = (options.basePath ?? "/").replace(/\/?$/, "/");
  const server = createServer((req, res) => {
    route(req, res, base, options).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((err) => (err ? fail(err) : done()));
      }),
  };
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  base: string,
  options: Parameters<typeof serveHost>[0],
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://host");
  if (url.pathname === "/favicon.ico") return void res.writeHead(204).end();
  if (!url.pathname.startsWith(base)) return void res.writeHead(404).end();
  const path = `/${url.pathname.slice(base.length)}`;
  if (path === "/graphql" || path.startsWith("/scene/"))
    return proxy(req, res, `${options.stashUrl}${path}${url.search}`, options.upstreamCookie);
  if (options.extraRoute && (await options.extraRoute(req, res, path))) return;
  if (path.startsWith("/dist/")) return sendFile(res, join(ROOT, "dist"), path.slice("/dist/".length));
  if (path === "/host/host.js") return sendFile(res, HOST_BUILD_DIR, "host.js");
  if (path === "/host/host.css" || path === "/host/stash-rules.css")
    return sendFile(res, join(ROOT, "test/host"), path.slice("/host/".length));
  const page = await readFile(join(ROOT, "test/host/index.html"), "utf8");
  const html = page.replace("%BASE%", base).replace("</body>", `${options.pageExtras ?? ""}</body>`);
  res.writeHead(200, { "content-type": TYPES[".html"] ?? "text/html" }).end(html);
}

async function sendFile(res: ServerResponse, dir: string, name: string): Promise<void> {
  const file = normalize(join(dir, name));
  if (!file.startsWith(dir)) return void res.writeHead(403).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end(`${name} not found — build it first`);
  }
}

async function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  target: string,
  upstreamCookie: string | undefined,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const name of ["content-type", "cookie", "accept"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  if (headers["cookie"] === undefined && upstreamCookie) headers["cookie"] = upstreamCookie;
  const upstream = await fetch(target, {
    method: req.method ?? "GET",
    headers,
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
  });
  const body = Buffer.from(await upstream.arrayBuffer());
  res.writeHead(upstream.status, {
    "content-type": upstream.headers.get("content-type") ?? "application/octet-stream",
  });
  res.end(body);
}
