import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStash, MAX_HOOK_VISITS, startFakeStash } from "../../fakes/stash/index.js";
import { gql, makeEchoPlugin, type TempPlugin } from "./helpers.js";

const WRITEBACK_MANIFEST = `name: Stash2Plex
exec: ["node", "{pluginDir}/echo-plugin.mjs"]
interface: raw
hooks:
  - name: Write back
    triggeredBy: [Scene.Update.Post]
    defaultArgs:
      mode: writeback
`;

let plugin: TempPlugin;
let stash: FakeStash;

beforeAll(async () => {
  plugin = makeEchoPlugin(WRITEBACK_MANIFEST);
  stash = await startFakeStash({ requireAuth: true, scenes: 1, plugin: { dir: plugin.dir } });
});
afterAll(async () => {
  await stash.stop();
  plugin.cleanup();
});

describe("hook loop detection", () => {
  it("lets a hook that writes back re-trigger itself at most 10 times, like Stash", async () => {
    const update = 'mutation { sceneUpdate(input: {id: "1", title: "t"}) { details } }';
    const answer = await gql(stash.url, update, {}, stash.loginCookie);
    expect(answer.data?.sceneUpdate).toEqual({ details: "written back" });
    expect(stash.runner!.hookRuns).toHaveLength(MAX_HOOK_VISITS);
    expect(stash.runner!.hookRuns.every((r) => r.result?.error === null)).toBe(true);
  });
});
