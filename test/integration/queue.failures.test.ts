import { afterEach, describe, expect, it } from "vitest";
import {
  editTitle,
  list,
  listByClass,
  plexTitle,
  ratingKeyOf,
  readStore,
  sceneStatus,
  startQueueWorld,
  summary,
} from "./queue.helpers.js";
import { eventually, PLEX_TOKEN, type World } from "./world.js";

/**
 * Each failure class end to end through the bundled script, seen the way the UI sees it: scene.status (job
 * state and error), queue.list (by state and errorClass) and queue.summary (counts, pause). Plex-level
 * behaviour (what was written) is covered by sync.faults / sync.retries; here the question is what is reported.
 */
let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const NO_IMAGES = { sync_poster: false, sync_background: false };
const metadataOf = (sceneId: string) => `GET /library/metadata/${ratingKeyOf(sceneId)}`;

/** Scene 5's file gets two same-named, same-sized twins in Plex (and no item of its own): ambiguous. */
function makeAmbiguous(w: World, sceneId: string): void {
  const file = w.stash.state.files.get(w.stash.state.scenes.get(sceneId)!.fileIds[0]!)!;
  file.path = "/stash/videos/A/Twin.mp4";
  file.basename = "Twin.mp4";
  file.size = 4_242_424;
  w.plex.addItem({ ratingKey: "501", title: "Twin A", file: "/data/videos/A/Twin.mp4", size: file.size });
  w.plex.addItem({ ratingKey: "502", title: "Twin B", file: "/data/videos/B/Twin.mp4", size: file.size });
}

describe("failure classes as the UI operations report them (bundled script)", () => {
  it("500 and 429 retry then dead-letter after max_retries; not found keeps a long schedule; 400 and ambiguous dead-letter at once", async () => {
    // 500 + 429 × 2 attempts = 4 counted failures: below the breaker's threshold of 5, so nothing waits on it.
    world = await startQueueWorld({
      scenes: 6,
      inPlex: (id) => id !== "4" && id !== "5",
      settings: { ...NO_IMAGES, max_retries: 2 },
    });
    const w = world;
    makeAmbiguous(w, "5");
    w.plex.faults.set(metadataOf("1"), { type: "status", status: 500 });
    w.plex.faults.set(metadataOf("2"), { type: "status", status: 429 });
    w.plex.faults.set(metadataOf("3"), { type: "status", status: 400 });
    for (const id of ["1", "2", "3", "4", "5", "6"]) await editTitle(w, id, `edited ${id}`);

    const dead = await eventually(
      async () => {
        const page = await list(w, "dead");
        return page.total === 4 ? page : null;
      },
      20_000,
      "four dead letters",
    ).then((page) => page!);
    expect(dead.errorClasses.map((c) => c.class).sort()).toEqual([
      "ambiguous",
      "bad_request",
      "rate_limited",
      "server_error",
    ]);
    // Transient classes: every allowed attempt was made first.
    for (const [id, cls] of [
      ["1", "server_error"],
      ["2", "rate_limited"],
    ] as const) {
      const status = await sceneStatus(w, id);
      expect(status.job).toMatchObject({ state: "dead", attempts: 2, error: { class: cls } });
      expect(status.job?.error?.message).toContain("gave up after 2 attempts");
      const byClass = await listByClass(w, "dead", cls);
      expect(byClass.jobs.map((j) => j.sceneId)).toEqual([id]);
    }
    // Permanent classes: one attempt, then the dead letter.
    expect((await sceneStatus(w, "3")).job).toMatchObject({
      state: "dead",
      attempts: 1,
      error: { class: "bad_request" },
    });
    const ambiguous = await sceneStatus(w, "5");
    expect(ambiguous.job).toMatchObject({ state: "dead", attempts: 1, error: { class: "ambiguous" } });
    expect(ambiguous.match.state).toBe("ambiguous");
    if (ambiguous.match.state === "ambiguous")
      expect(ambiguous.match.candidates.map((c) => c.ratingKey).sort()).toEqual(["501", "502"]);
    expect((await listByClass(w, "dead", "ambiguous")).jobs.map((j) => j.sceneId)).toEqual(["5"]);

    // Not found is not dead: it waits on its own long schedule (12 attempts, backoff from 30 s).
    const notFound = await eventually(
      async () => {
        const s = await sceneStatus(w, "4");
        return s.job?.state === "retrying" ? s : null;
      },
      10_000,
      "scene 4 retrying",
    ).then((status) => status!);
    expect(notFound.job?.error?.class).toBe("not_found");
    expect(notFound.match.state).toBe("not_found");
    const retrying = await listByClass(w, "retrying", "not_found");
    expect(retrying.jobs.map((j) => [j.sceneId, j.maxAttempts])).toEqual([["4", 12]]);
    expect(retrying.jobs[0]?.nextAttemptAt).not.toBeNull();

    expect(plexTitle(w, "6")).toBe("edited 6");
    const s = await summary(w);
    expect(s.counts.dead).toBe(4);
    expect(s.paused).toBe(false);
    expect(s.breaker.state).toBe("closed");
  }, 30_000);

  it("401: the queue pauses with the reason, burns no attempt, and resumes after plex.test with the right token", async () => {
    world = await startQueueWorld({
      scenes: 2,
      settings: { ...NO_IMAGES, plex_token: "a-token-plex-rejects-000000000" },
    });
    const w = world;
    await editTitle(w, "1", "after the token fix");
    await editTitle(w, "2", "after the token fix too");
    const paused = await eventually(
      async () => {
        const s = await summary(w);
        return s.paused ? s : null;
      },
      15_000,
      "the queue to pause",
    ).then((s) => s!);
    expect(paused.pauseReason ?? "").toMatch(/token/i);
    expect(paused.counts.dead).toBe(0);
    expect(paused.counts.pending + paused.counts.retrying).toBe(2);
    for (const id of ["1", "2"]) {
      const job = (await sceneStatus(w, id)).job;
      expect(job?.state).not.toBe("dead");
      expect(job?.attempts).toBe(0);
    }
    expect(await readStore(w, (store) => store.stats().deadLettered ?? 0)).toBe(0);

    w.settings({ plex_token: PLEX_TOKEN });
    const test = (await w.runner.operation({ op: "plex.test" })) as { ok: boolean };
    expect(test.ok).toBe(true);
    await eventually(
      () => plexTitle(w, "1") === "after the token fix" && plexTitle(w, "2") === "after the token fix too",
      15_000,
      "the queue to resume and drain",
    );
    const after = await summary(w);
    expect(after.paused).toBe(false);
    expect(after.pauseReason ?? null).toBeNull();
    expect(after.counts.dead).toBe(0);
    expect(w.plex.tokenLeaks()).toEqual([]);
  }, 30_000);
});
