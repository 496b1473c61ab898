import { afterEach, describe, expect, it } from "vitest";
import { createRecordingLogger } from "../../../plugin/log/recording-logger.js";
import {
  createStashClient,
  isStashError,
  isStashErrorData,
  type StashError,
} from "../../../plugin/stash/index.js";
import { type FakeStash, startFakeStash } from "../../fakes/stash/index.js";

let stash: FakeStash | null = null;
afterEach(async () => {
  await stash?.stop();
  stash = null;
});

function clientFor(url: string, cookieHeader: string | null, timeoutMs = 5000) {
  const logger = createRecordingLogger();
  return { logger, client: createStashClient({ baseUrl: url, cookieHeader, logger, timeoutMs }) };
}

async function failure(promise: Promise<unknown>): Promise<StashError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isStashError(error)) throw new Error(`expected a StashError, got ${String(error)}`);
  return error;
}

describe("Stash client errors", () => {
  it("says the cookie was rejected on 401, without ever showing the cookie", async () => {
    stash = await startFakeStash({ requireAuth: true });
    const secret = "session=not-a-valid-session-value";
    const { client, logger } = clientFor(stash.url, secret);
    const error = await failure(client.version());
    expect(error.kind).toBe("auth");
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/rejected the plugin's session cookie/);
    const everything = JSON.stringify([error, error.toJSON(), error.message, logger.lines]);
    expect(everything).not.toContain("not-a-valid-session-value");
  });

  it("says no cookie was received when Stash needs a login and none came", async () => {
    stash = await startFakeStash({ requireAuth: true });
    const error = await failure(clientFor(stash.url, null).client.version());
    expect(error.kind).toBe("auth");
    expect(error.message).toMatch(/received no session cookie/);
  });

  it("works with a valid session cookie and sends it on every request", async () => {
    stash = await startFakeStash({ requireAuth: true, scenes: 3 });
    const { client } = clientFor(stash.url, stash.loginCookie);
    expect((await client.version()).version).toBe("v0.30.1");
    expect((await client.scenesByIds(["1", "2"])).size).toBe(2);
    expect(stash.requests.every((r) => r.hadCookie && r.status === 200)).toBe(true);
  });

  it("surfaces GraphQL errors with Stash's message", async () => {
    stash = await startFakeStash();
    stash.injectFault({ errors: ["database is locked"] });
    const error = await failure(clientFor(stash.url, null).client.jobQueue());
    expect(error.kind).toBe("graphql");
    expect(error.operation).toBe("Stash2PlexJobQueue");
    expect(error.message).toContain("database is locked");
  });

  it("reports an answer of the wrong shape naming the field", async () => {
    stash = await startFakeStash();
    const body = JSON.stringify({ data: { version: { version: 30, hash: "h", build_time: "b" } } });
    stash.injectFault({ status: 200, body, contentType: "application/json" });
    const error = await failure(clientFor(stash.url, null).client.version());
    expect(error.kind).toBe("invalid_data");
    expect(error.message).toContain("version.version");
  });

  it("reports an answer that is not GraphQL JSON, and other HTTP statuses", async () => {
    stash = await startFakeStash();
    stash.injectFault({ status: 200, body: "<html>proxy login</html>", contentType: "text/html" });
    stash.injectFault({ status: 502, body: "Bad Gateway" });
    const { client } = clientFor(stash.url, null);
    expect((await failure(client.version())).kind).toBe("invalid_data");
    const http = await failure(client.version());
    expect([http.kind, http.status]).toEqual(["http", 502]);
  });

  it("says Stash is unreachable when nothing listens", async () => {
    stash = await startFakeStash();
    const url = stash.url;
    await stash.stop();
    stash = null;
    const error = await failure(clientFor(url, null).client.version());
    expect(error.kind).toBe("unreachable");
    expect(error.message).toContain(url);
  });

  it("times out when Stash does not answer", async () => {
    stash = await startFakeStash();
    stash.injectFault({ hang: true });
    const error = await failure(clientFor(stash.url, null, 150).client.version());
    expect(error.kind).toBe("timeout");
  });

  it("keeps its kind across a JSON boundary", async () => {
    stash = await startFakeStash();
    stash.injectFault({ errors: ["nope"] });
    const error = await failure(clientFor(stash.url, null).client.version());
    const crossed: unknown = JSON.parse(JSON.stringify(error));
    expect(isStashErrorData(crossed)).toBe(true);
    expect(isStashError(crossed)).toBe(false);
  });
});
