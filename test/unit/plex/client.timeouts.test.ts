import { describe, expect, it } from "vitest";
import { isPlexError } from "../../../plugin/plex/index.js";
import { fakePlexPerTest, rejectionOf } from "./helpers.js";

const start = fakePlexPerTest();
const FAST = { connectTimeoutMs: 150, readTimeoutMs: 150 };

describe("timeouts", () => {
  it("connect timeout: no headers in time (hang) → timeout, quickly", async () => {
    const { client, fake } = await start({}, FAST);
    fake.faults.set("/identity", { type: "hang" });
    const started = performance.now();
    const error = await rejectionOf(client.identity());
    expect(performance.now() - started).toBeLessThan(1500);
    expect(isPlexError(error) && error.kind).toBe("timeout");
    expect(String(error)).toContain("no response headers within 150 ms");
  });

  it("connect timeout: slow headers → timeout; fast enough headers pass", async () => {
    const { client, fake } = await start({}, { connectTimeoutMs: 150, readTimeoutMs: 5000 });
    fake.faults.set("/identity", { type: "slow", delayMs: 600, times: 1 });
    expect(isPlexError(await rejectionOf(client.identity()))).toBe(true);
    fake.faults.set("/identity", { type: "slow", delayMs: 20, times: 1 });
    await expect(client.identity()).resolves.toBeTruthy();
  });

  it("read timeout: headers at once, body too slow → timeout naming the body", async () => {
    const { client, fake } = await start({}, { connectTimeoutMs: 5000, readTimeoutMs: 150 });
    fake.faults.set("/library/sections", { type: "slow-body", delayMs: 600 });
    const error = await rejectionOf(client.sections());
    expect(isPlexError(error) && error.kind).toBe("timeout");
    expect(String(error)).toContain("response body not complete within 150 ms");
  });

  it("the read timeout does not cut a body that arrives in time", async () => {
    const { client, fake } = await start({}, { connectTimeoutMs: 5000, readTimeoutMs: 1000 });
    fake.faults.set("/library/sections", { type: "slow-body", delayMs: 50 });
    await expect(client.sections()).resolves.toHaveLength(1);
  });

  it("a caller's abort signal is re-thrown as itself, not as a PlexError", async () => {
    const { client, fake } = await start({}, { connectTimeoutMs: 5000, readTimeoutMs: 5000 });
    fake.faults.set("/identity", { type: "hang" });
    const controller = new AbortController();
    const reason = new Error("cancelled by caller");
    setTimeout(() => controller.abort(reason), 50);
    expect(await rejectionOf(client.identity({ signal: controller.signal }))).toBe(reason);
  });
});
