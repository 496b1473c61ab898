import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateDeviceId } from "../../../plugin/plex/device-id.js";
import { recordingLogger } from "./helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "s2p-device-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ids = (...values: string[]) => {
  const queue = [...values];
  return () => queue.shift() ?? "exhausted";
};

describe("loadOrCreateDeviceId", () => {
  it("reuses the Python plugin's device_id.json", async () => {
    await writeFile(join(dir, "device_id.json"), '{"device_id": "0f1e2d3c-aaaa-4bbb-8ccc-123456789abc"}');
    expect(await loadOrCreateDeviceId(dir, { randomUUID: ids("new") })).toBe(
      "0f1e2d3c-aaaa-4bbb-8ccc-123456789abc",
    );
  });

  it("creates the file once (mode 0600, no temp files left) and returns the same id afterwards", async () => {
    const dataDir = join(dir, "nested", "data");
    const first = await loadOrCreateDeviceId(dataDir, { randomUUID: ids("id-1", "id-2") });
    expect(first).toBe("id-1");
    expect(await loadOrCreateDeviceId(dataDir, { randomUUID: ids("id-3") })).toBe("id-1");
    expect(JSON.parse(await readFile(join(dataDir, "device_id.json"), "utf8"))).toEqual({
      device_id: "id-1",
    });
    if (process.platform !== "win32")
      expect((await stat(join(dataDir, "device_id.json"))).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual(["device_id.json"]);
  });

  it("replaces a corrupt file, with a warning", async () => {
    await writeFile(join(dir, "device_id.json"), "{not json");
    const logger = recordingLogger();
    expect(await loadOrCreateDeviceId(dir, { randomUUID: ids("fresh"), logger })).toBe("fresh");
    expect(logger.lines.map((l) => l.level)).toEqual(["warn"]);
    await writeFile(join(dir, "device_id.json"), '{"device_id": "bad\\nheader"}');
    expect(await loadOrCreateDeviceId(dir, { randomUUID: ids("fresh-2") })).toBe("fresh-2");
  });

  it("concurrent first runs agree on one id", async () => {
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((id) => loadOrCreateDeviceId(dir, { randomUUID: ids(`id-${id}`) })),
    );
    expect(new Set(results).size).toBe(1);
    const onDisk = JSON.parse(await readFile(join(dir, "device_id.json"), "utf8")).device_id;
    expect(results[0]).toBe(onDisk);
    expect(await readdir(dir)).toEqual(["device_id.json"]);
  });
});
