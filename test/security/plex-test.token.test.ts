import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { OperationResult } from "../../plugin/ops/contracts.js";
import { PLEX_TOKEN, startWorld, type World } from "../integration/world.js";

/** A server that is not the user's Plex: it records what it was sent and answers like a Plex would. */
async function startStranger() {
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ MediaContainer: { version: "1.40.0", machineIdentifier: "stranger" } }));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((done) => server.close(() => done())) };
}

let world: World | null = null;
let stranger: Awaited<ReturnType<typeof startStranger>> | null = null;
afterEach(async () => {
  await world?.stop();
  await stranger?.close();
  world = null;
  stranger = null;
});

const test = (w: World, args: Record<string, string>) =>
  w.runner.operation({ op: "plex.test", ...args }) as Promise<OperationResult<"plex.test">>;

describe("Test connection (plex.test) and the saved token", () => {
  it("never sends the saved token to a URL typed in the panel; a typed token goes where it was typed", async () => {
    world = await startWorld({ scenes: 1 });
    stranger = await startStranger();
    const elsewhere = await test(world, { plex_url: stranger.url });
    expect(elsewhere.ok).toBe(false);
    expect(elsewhere.error).toMatch(/not the saved Plex URL: type the Plex token/);
    expect(stranger.seen).toEqual([]);

    await test(world, { plex_url: stranger.url, plex_token: "typed-token-for-the-other-server" });
    expect(stranger.seen.length).toBeGreaterThan(0);
    const sent = JSON.stringify(stranger.seen);
    expect(sent).toContain("typed-token-for-the-other-server");
    expect(sent).not.toContain(PLEX_TOKEN);

    // The saved server, however the URL is spelled back (a trailing slash), gets the saved token.
    const saved = await test(world, { plex_url: `${world.plex.url}/` });
    expect(saved.ok).toBe(true);
    expect(saved.tokenValid).toBe(true);
  }, 30_000);
});
