import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Job } from "../../plugin/queue/job.js";
import { type JobShardSource, JobTable, jobShardOf } from "../../plugin/store/job-table.js";
import { SNAPSHOT_FILE } from "../../plugin/store/load.js";
import { makeJob } from "../queue/job-fixtures.js";
import { useStoreHarness } from "./helpers.js";

const job = (id: string, sceneId: string, createdAt = 1): Job =>
  makeJob({ id, key: `scene:${sceneId}`, payload: { sceneId, reason: "update" }, createdAt });

function recordingSource(jobs: Job[], shardCount: number) {
  const reads: number[] = [];
  const source: JobShardSource = {
    shardCount,
    readShard: (i) => {
      reads.push(i);
      return jobs.filter((j) => jobShardOf(j, shardCount) === i);
    },
  };
  return { source, reads };
}

describe("job table", () => {
  it("answers a key from one shard, with the journal overlay winning over it", () => {
    const jobs = Array.from({ length: 40 }, (_, i) => job(`j${i}`, String(i)));
    jobs.push(job("j7b", "7", 5));
    const { source, reads } = recordingSource(jobs, 4);
    const table = new JobTable(source);
    table.remove("j7b");
    table.put(job("j8", "8", 9));
    table.put(job("new", "8", 10));
    expect(reads).toEqual([]);
    expect(table.withKey("scene:7").map((j) => j.id)).toEqual(["j7"]);
    expect(reads).toEqual([jobShardOf(job("x", "7"), 4)]);
    expect(table.withKey("scene:8").map((j) => [j.id, j.createdAt])).toEqual([
      ["j8", 9],
      ["new", 10],
    ]);
    expect(table.size).toBe(41);
    expect([...reads].sort()).toEqual([0, 1, 2, 3]);
    expect(table.get("j7b")).toBeUndefined();
    expect(table.withKey("scene:8").map((j) => j.id)).toEqual(["j8", "new"]);
    table.remove("j8");
    expect(table.withKey("scene:8").map((j) => j.id)).toEqual(["new"]);
  });
});

describe("job shards in the snapshot", () => {
  const h = useStoreHarness();

  it("a reader sees the snapshot's jobs plus the journal tail, per scene and in total", async () => {
    const writer = await h.writer();
    writer.batch(() => {
      for (let i = 1; i <= 1_200; i++) writer.enqueue("sync-scene", { sceneId: String(i), reason: "bulk" });
    });
    writer.compact();
    const gone = writer.jobForScene("5", h.clock.now()).jobs[0]?.id ?? "";
    writer.removeJob(gone);
    writer.enqueue("sync-scene", { sceneId: "9999", reason: "manual" });
    const reader = await h.reader();
    const now = h.clock.now();
    expect(reader.jobForScene("5", now).jobs).toEqual([]);
    expect(reader.jobForScene("6", now).jobs.map((j) => j.payload)).toEqual([
      { sceneId: "6", reason: "bulk" },
    ]);
    expect(reader.jobForScene("9999", now).jobs).toHaveLength(1);
    expect(reader.countsByState(now).total).toBe(1_200);
    expect(reader.getJob(gone)).toBeNull();
    await reader.close();
    await writer.close();
    const header = JSON.parse(readFileSync(path.join(h.dir, SNAPSHOT_FILE), "utf8").split("\n")[0] ?? "");
    expect(header.jobShardBytes).toHaveLength(3);
  });

  it("reads a format-2 snapshot (jobs in the core) and rewrites it as format 3", async () => {
    const writer = await h.writer();
    writer.enqueue("sync-scene", { sceneId: "1", reason: "bulk" });
    writer.enqueue("sync-scene", { sceneId: "2", reason: "bulk" });
    const jobs = [...writer.listJobs({ perPage: 10 }, h.clock.now()).items].map(({ state: _s, ...j }) => j);
    await writer.close();
    const core = {
      jobs,
      deadLetters: [],
      pins: {},
      breaker: null,
      outages: [],
      stats: {},
      reconcileReports: [],
      ingested: [],
      paused: null,
    };
    const coreBytes = `${JSON.stringify(core)}\n`;
    const header = { format: 2, seq: 99, coreBytes: Buffer.byteLength(coreBytes), shardBytes: [3] };
    writeFileSync(path.join(h.dir, SNAPSHOT_FILE), `${JSON.stringify(header)}\n${coreBytes}[]\n`);
    writeFileSync(path.join(h.dir, "journal.jsonl"), "");
    const reader = await h.reader();
    expect(reader.jobForScene("2", h.clock.now()).jobs).toHaveLength(1);
    await reader.close();
    const again = await h.writer();
    again.compact();
    expect(again.countsByState(h.clock.now()).total).toBe(2);
    await again.close();
    const rewritten = readFileSync(path.join(h.dir, SNAPSHOT_FILE), "utf8").split("\n")[0] ?? "";
    expect(JSON.parse(rewritten)).toMatchObject({ format: 3, seq: 99, jobShardBytes: [expect.any(Number)] });
  });

  it("a damaged job shard is reported in the log and loses only its own jobs", async () => {
    const writer = await h.writer();
    writer.batch(() => {
      for (let i = 1; i <= 1_000; i++) writer.enqueue("sync-scene", { sceneId: String(i), reason: "bulk" });
    });
    writer.compact();
    await writer.close();
    const file = path.join(h.dir, SNAPSHOT_FILE);
    const bytes = readFileSync(file);
    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString("utf8"));
    bytes.write("x", bytes.indexOf(0x0a) + 1 + header.coreBytes + 1, "utf8"); // inside job shard 0
    writeFileSync(file, bytes);
    const reader = await h.reader();
    const total = reader.countsByState(h.clock.now()).total;
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(1_000);
    expect(h.warnings().some((w) => w.includes("job shard 0 is unreadable"))).toBe(true);
    await reader.close();
  });
});
