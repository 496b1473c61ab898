import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { httpFetch, INVALID_STATUS_CODE } from "../../../plugin/net/http-fetch.js";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const servers: http.Server[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

describe("httpFetch: requests and answers", () => {
  it("sends method, headers (record, Headers, pairs) and a string body; returns status, headers and body", async () => {
    const seen: Array<{ method: string; headers: http.IncomingHttpHeaders; body: string }> = [];
    const base = await serve(async (req, res) => {
      seen.push({ method: req.method ?? "", headers: req.headers, body: await readBody(req) });
      res.setHeader("Content-Type", "application/json");
      res.setHeader("X-Answer", "42");
      res.end('{"ok":true}');
    });
    const a = await httpFetch(`${base}/graphql`, {
      method: "post",
      headers: { Cookie: "session=abc", "Content-Type": "application/json" },
      body: '{"query":"{ a }"}',
    });
    expect(a.status).toBe(200);
    expect(a.ok).toBe(true);
    expect(a.headers.get("content-type")).toBe("application/json");
    expect(a.headers.get("x-answer")).toBe("42");
    expect(await a.json()).toEqual({ ok: true });
    await httpFetch(new URL(`${base}/h`), { headers: new Headers({ "X-One": "1" }) }).then((r) => r.text());
    await httpFetch(`${base}/p`, { headers: [["X-Two", "2"]] }).then((r) => r.text());
    expect(seen[0]).toMatchObject({
      method: "POST",
      body: '{"query":"{ a }"}',
      headers: { cookie: "session=abc", "content-length": "17", "content-type": "application/json" },
    });
    expect(seen[0]?.headers["accept-encoding"]).toBeUndefined();
    expect(seen[1]?.headers["x-one"]).toBe("1");
    expect(seen[2]?.headers["x-two"]).toBe("2");
  });

  it("sends byte bodies and streams a large answer intact", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 7);
    big[big.length - 1] = 9;
    let received = 0;
    const base = await serve(async (req, res) => {
      received = Buffer.byteLength(await readBody(req), "latin1");
      res.end(big);
    });
    const response = await httpFetch(`${base}/upload`, { method: "PUT", body: new Uint8Array([1, 2, 3]) });
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(received).toBe(3);
    expect(bytes.length).toBe(big.length);
    expect(bytes[bytes.length - 1]).toBe(9);
  });

  it("answers 204 with no body and reports redirects instead of following them", async () => {
    const base = await serve((req, res) => {
      if (req.url === "/empty") {
        res.statusCode = 204;
        res.end();
        return;
      }
      res.statusCode = 302;
      res.setHeader("Location", "http://elsewhere.invalid/");
      res.end("moved");
    });
    const empty = await httpFetch(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const moved = await httpFetch(`${base}/old`, { redirect: "follow" });
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe("http://elsewhere.invalid/");
    expect(await moved.text()).toBe("moved");
  });

  it("gives error statuses to the caller with their body", async () => {
    const base = await serve((_req, res) => {
      res.statusCode = 503;
      res.end("<html>Maintenance</html>");
    });
    const response = await httpFetch(base);
    expect(response.status).toBe(503);
    expect(response.ok).toBe(false);
    expect(await response.text()).toBe("<html>Maintenance</html>");
  });
});

describe("httpFetch: failures look like fetch's", () => {
  it("rejects a refused connection with TypeError('fetch failed') carrying ECONNREFUSED", async () => {
    const base = await serve((_req, res) => res.end());
    const server = servers.pop();
    await new Promise((r) => server?.close(r));
    const error = await httpFetch(base).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("fetch failed");
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
  });

  it("rejects with the signal's reason when aborted before the headers, and drops the connection", async () => {
    let closed = false;
    const base = await serve((req) => {
      req.socket.on("close", () => {
        closed = true;
      });
    });
    const controller = new AbortController();
    const reason = new Error("connect timeout");
    const pending = httpFetch(base, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
    await expect.poll(() => closed).toBe(true);
  });

  it("rejects the body read with the signal's reason when aborted mid-body", async () => {
    const base = await serve((_req, res) => {
      res.setHeader("Content-Length", "100");
      res.write("partial");
    });
    const controller = new AbortController();
    const response = await httpFetch(base, { signal: controller.signal });
    const reason = new Error("read timeout");
    setTimeout(() => controller.abort(reason), 50);
    await expect(response.arrayBuffer()).rejects.toBe(reason);
  });

  it("rejects the body read with 'fetch failed' when the server drops the connection mid-body", async () => {
    const base = await serve((_req, res) => {
      res.setHeader("Content-Length", "100");
      res.write("partial", () => setTimeout(() => res.socket?.destroy(), 20));
    });
    const response = await httpFetch(base);
    const error = await response.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("fetch failed");
  });

  it("rejects an answer that is not HTTP, or a status no Response can carry, with a code naming it", async () => {
    const raw = (answer: string) =>
      new Promise<string>((resolve) => {
        const sockets = new Set<net.Socket>();
        const server = net.createServer((socket) => {
          sockets.add(socket);
          socket.on("error", () => undefined);
          socket.end(answer);
        });
        server.listen(0, "127.0.0.1", () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        );
        cleanups.push(() => {
          for (const socket of sockets) socket.destroy();
          return new Promise((r) => server.close(() => r(undefined)));
        });
      });
    const codeOf = (e: unknown) => ((e as Error).cause as NodeJS.ErrnoException).code ?? "";
    const garbage = await httpFetch(await raw("SSH-2.0-OpenSSH_9.6\r\n\r\n")).catch((e: unknown) => e);
    expect((garbage as Error).message).toBe("fetch failed");
    expect(codeOf(garbage)).toMatch(/^HPE_/);
    const odd = await httpFetch(await raw("HTTP/1.1 999 Odd\r\nContent-Length: 0\r\n\r\n")).catch(
      (e: unknown) => e,
    );
    expect(codeOf(odd)).toBe(INVALID_STATUS_CODE);
  });

  it("refuses an already aborted signal, Request objects and other protocols", async () => {
    const controller = new AbortController();
    const reason = new Error("gone");
    controller.abort(reason);
    await expect(httpFetch("http://127.0.0.1:9/", { signal: controller.signal })).rejects.toBe(reason);
    await expect(httpFetch(new Request("http://127.0.0.1:9/"))).rejects.toThrow(/not a Request/);
    await expect(httpFetch("ftp://127.0.0.1/")).rejects.toThrow("fetch failed");
  });

  it("sends again on a fresh socket when a kept-alive socket was closed by the server", async () => {
    const served = new WeakMap<object, number>();
    let requests = 0;
    const base = await serve((req, res) => {
      requests++;
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      // The second request on a socket finds it closed (the server's keep-alive ran out at that moment).
      if (count > 1) {
        req.socket.destroy();
        return;
      }
      res.end(`answer ${requests}`);
    });
    expect(await (await httpFetch(`${base}/a`)).text()).toBe("answer 1");
    expect(await (await httpFetch(`${base}/b`)).text()).toBe("answer 3");
    expect(requests).toBe(3);
  });
});
