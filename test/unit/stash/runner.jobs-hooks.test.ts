import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type FakeStash, SCENE_UPDATE_INPUT_KEYS, startFakeStash } from "../../fakes/stash/index.js";
import { gql, makeEchoPlugin, type TempPlugin } from "./helpers.js";

let plugin: TempPlugin;
let stash: FakeStash;

beforeAll(async () => {
  plugin = makeEchoPlugin();
  stash = await startFakeStash({ scenes: 4, plugin: { dir: plugin.dir } });
});
afterAll(async () => {
  await stash.stop();
  plugin.cleanup();
});

const RUN_TASK =
  'mutation($t: String, $a: Map) { runPluginTask(plugin_id: "Stash2Plex", task_name: $t, args_map: $a) }';
const FIND_JOB = "query($id: ID!) { findJob(input: {id: $id}) { id status progress description error } }";

async function runTask(task: string, args: Record<string, unknown> = {}): Promise<string> {
  const answer = await gql(stash.url, RUN_TASK, { t: task, a: args });
  return answer.data?.runPluginTask as string;
}

describe("tasks as jobs", () => {
  it("runs a task as a job that finishes with the progress the plugin reported (clamped to 1)", async () => {
    const id = await runTask("Progress");
    await stash.jobs.waitFor(id);
    const job = (await gql(stash.url, FIND_JOB, { id })).data?.findJob;
    expect(job).toEqual({
      id,
      status: "FINISHED",
      progress: 1,
      description: "Running plugin task: Progress",
      error: null,
    });
    const run = stash.runner!.runs.at(-1);
    expect(run?.result.progress).toEqual([0.25, 0.5, 1]);
    expect(run?.result.logs.at(-1)).toEqual({
      level: "error",
      message: "Error parsing progress value 'abc'",
      source: "task:Progress",
    });
  });

  it("stopJob SIGKILLs the running plugin and the job ends CANCELLED; queued jobs wait their turn", async () => {
    const hang = await runTask("Hang");
    const next = await runTask("Echo");
    await vi.waitFor(() =>
      expect(stash.runner!.logs.some((l) => l.message === "waiting to be killed")).toBe(true),
    );
    const queue = await gql(stash.url, "{ jobQueue { id status } }");
    expect(queue.data?.jobQueue).toEqual([
      { id: hang, status: "RUNNING" },
      { id: next, status: "READY" },
    ]);
    await gql(stash.url, "mutation($id: ID!) { stopJob(job_id: $id) }", { id: hang });
    expect((await stash.jobs.waitFor(hang)).status).toBe("CANCELLED");
    const killed = stash.runner!.runs.find((r) => r.source === "task:Hang");
    expect([killed?.result.signal, killed?.result.error]).toEqual(["SIGKILL", "signal: killed"]);
    expect((await stash.jobs.waitFor(next)).status).toBe("FINISHED");
  });

  it("fails a job whose task does not exist", async () => {
    const id = await runTask("Nope");
    expect(await stash.jobs.waitFor(id)).toMatchObject({
      status: "FAILED",
      error: "task Nope not found in plugin Stash2Plex",
    });
  });
});

describe("runPluginOperation", () => {
  const OP = 'mutation($a: Map) { runPluginOperation(plugin_id: "Stash2Plex", args: $a) }';

  it("returns the plugin's output, or a GraphQL error carrying the plugin's error text", async () => {
    const ok = await gql(stash.url, OP, { a: { mode: "progress" } });
    expect(ok.data?.runPluginOperation).toBe("done");
    const failed = await gql(stash.url, OP, { a: { mode: "fail" } });
    expect(failed.errors?.map((e) => e.message)).toEqual(["Plex token missing"]);
  });
});

describe("hooks", () => {
  const UPDATE = "mutation($i: SceneUpdateInput!) { sceneUpdate(input: $i) { id title } }";

  it("fires Scene.Update.Post before sceneUpdate answers, with every input field and the keys sent", async () => {
    const before = stash.runner!.hookRuns.length;
    const answer = await gql(stash.url, UPDATE, { i: { id: "2", title: "New title", tag_ids: [] } });
    expect(answer.data?.sceneUpdate).toEqual({ id: "2", title: "New title" });
    const runs = stash.runner!.hookRuns.slice(before);
    expect(runs).toHaveLength(1);
    const context = runs[0]?.args.hookContext as Record<string, unknown>;
    expect(runs[0]?.args.mode).toBe("hook");
    expect(context.id).toBe(2);
    expect(context.type).toBe("Scene.Update.Post");
    expect(context.inputFields).toEqual(["id", "title", "tag_ids"]);
    const input = context.input as Record<string, unknown>;
    expect(Object.keys(input)).toEqual([...SCENE_UPDATE_INPUT_KEYS]);
    expect(input).toMatchObject({ id: "2", title: "New title", tag_ids: [], details: null, urls: null });
    expect(runs[0]?.result?.output).toMatchObject({ input: { args: { hookContext: context } } });
  });

  it("fires one hook per scene, in order, for bulkSceneUpdate", async () => {
    const before = stash.runner!.hookRuns.length;
    const bulk = "mutation($i: BulkSceneUpdateInput!) { bulkSceneUpdate(input: $i) { id } }";
    await gql(stash.url, bulk, { i: { ids: ["3", "1", "4"], organized: true } });
    const contexts = stash
      .runner!.hookRuns.slice(before)
      .map((r) => r.args.hookContext as Record<string, unknown>);
    expect(contexts.map((c) => c.id)).toEqual([3, 1, 4]);
    expect(contexts.every((c) => JSON.stringify(c.inputFields) === '["ids","organized"]')).toBe(true);
    expect((contexts[0]?.input as Record<string, unknown> | undefined)?.tag_ids).toBeNull();
    expect(stash.state.scenes.get("4")?.organized).toBe(true);
  });

  it("fires Scene.Create.Post with a null input and Scene.Destroy.Post with the old file path", async () => {
    const before = stash.runner!.hookRuns.length;
    const created = await gql(stash.url, 'mutation { sceneCreate(input: {title: "Fresh"}) { id } }');
    const id = (created.data?.sceneCreate as { id: string } | undefined)?.id;
    const path = stash.state.files.get(stash.state.scenes.get("1")?.fileIds[0] ?? "")?.path;
    await gql(stash.url, 'mutation { sceneDestroy(input: {id: "1", delete_file: false}) }');
    const [create, destroy] = stash.runner!.hookRuns.slice(before).map((r) => r.args.hookContext);
    expect(create).toEqual({ id: Number(id), type: "Scene.Create.Post", input: null });
    expect(destroy).toEqual({
      id: 1,
      type: "Scene.Destroy.Post",
      input: {
        id: "1",
        delete_file: false,
        delete_generated: null,
        checksum: "md5-1",
        oshash: "oshash-1",
        path,
      },
    });
  });
});
