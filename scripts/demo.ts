/**
 * `npm start`: a local Stash2Plex demo. A fake Stash (a few hundred seeded scenes with studios, performers, tags
 * and covers) runs the REAL bundled plugin; a fake Plex holds items for most of them (some files not scanned yet,
 * one ambiguous pair, one folder that only matches through the path map). The host page serves the real UI
 * bundle, plus a small demo control panel (host page only, not part of the plugin UI): take Plex down and back
 * up, and edit a scene's title (a real sceneUpdate, so the plugin's hook fires). Run after `npm run build`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import { buildHostScript } from "../test/host/build.js";
import { type HostServer, serveHost } from "../test/host/server.js";
import { startWorld, type World } from "../test/integration/world.js";

export interface Demo {
  /** The host page: open it in a browser. */
  url: string;
  world: World;
  host: HostServer;
  stop(): Promise<void>;
}

export interface DemoOptions {
  /** Host page port (0 = any free port). */
  port?: number;
  scenes?: number;
}

const UNSCANNED_EVERY = 37;
const MAPPED_ROOT_STASH = "/stash/imports";
const MAPPED_ROOT_PLEX = "/media/imports";

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const sceneCount = options.scenes ?? 300;
  const unscanned = (id: string) => Number(id) % UNSCANNED_EVERY === 0;
  const [world] = await Promise.all([
    startWorld({
      scenes: sceneCount,
      inPlex: (id) => !unscanned(id),
      plex: {
        sections: [
          { key: "1", title: "Scenes", locations: ["/data/videos", MAPPED_ROOT_PLEX] },
          { key: "2", title: "Home Videos", locations: ["/data/home"] },
        ],
      },
      settings: {
        strict_matching: true,
        path_map: `${MAPPED_ROOT_STASH} => ${MAPPED_ROOT_PLEX}`,
        poll_interval: 2,
        trigger_plex_scan: true,
      },
    }),
    buildHostScript(),
  ]);
  addSpecialScenes(world, unscanned, sceneCount);
  const control = { plexUp: true };
  const host = await serveHost({
    port: options.port ?? 0,
    stashUrl: world.stash.url,
    basePath: "/",
    upstreamCookie: world.stash.loginCookie,
    extraRoute: (req, res, path) => demoRoute(world, control, req, res, path),
    pageExtras: CONTROL_PANEL,
  });
  return {
    url: host.url,
    world,
    host,
    stop: async () => {
      await host.close();
      await world.stop();
    },
  };
}

/** The unscanned files wait in Plex as pending files; plus one ambiguous pair and one path-mapped scene. */
function addSpecialScenes(world: World, unscanned: (id: string) => boolean, count: number): void {
  const { state } = world.stash;
  for (const scene of state.scenes.values()) {
    if (!unscanned(scene.id)) continue;
    const file = state.files.get(scene.fileIds[0] ?? "");
    if (file) world.plex.addPendingFile({ file: file.path, size: file.size });
  }
  const studio = state.studioNamed("Quiet Hill");
  const twin = state.addFile({
    path: "/data/videos/Quiet Hill/Twin Harbor.mp4",
    size: 812_000_000,
    duration: 1_800,
    width: 1920,
    height: 1080,
  });
  state.addScene({ title: "Twin Harbor", studioId: studio.id, fileIds: [twin.id], date: "2021-06-01" });
  world.plex.addItem({ title: "Twin Harbor (copy A)", file: "/data/videos/Archive A/Twin Harbor.mp4" });
  world.plex.addItem({ title: "Twin Harbor (copy B)", file: "/data/videos/Archive B/Twin Harbor.mp4" });
  const mapped = state.addFile({
    path: `${MAPPED_ROOT_STASH}/Red Canyon Sunrise.mp4`,
    size: 1_204_000_000,
    duration: 2_400,
    width: 3840,
    height: 2160,
  });
  state.addScene({
    title: "Red Canyon Sunrise",
    studioId: state.studioNamed("Red Canyon").id,
    fileIds: [mapped.id],
    date: "2023-09-14",
    details: "Only Plex's /media/imports path holds this file: the path map makes it match.",
  });
  world.plex.addItem({
    title: "Red Canyon Sunrise.mp4",
    file: `${MAPPED_ROOT_PLEX}/Red Canyon Sunrise.mp4`,
    size: 1_204_000_000,
  });
  if (state.scenes.size !== count + 2) throw new Error("demo seed: unexpected scene count");
}

async function demoRoute(
  world: World,
  control: { plexUp: boolean },
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  if (!path.startsWith("/demo/")) return false;
  const send = (status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  if (path === "/demo/state" && req.method === "GET") {
    send(200, { plexUp: control.plexUp, scenes: world.stash.state.scenes.size });
    return true;
  }
  if ((path === "/demo/plex/down" || path === "/demo/plex/up") && req.method === "POST") {
    control.plexUp = path.endsWith("/up");
    await (control.plexUp ? world.plex.up() : world.plex.down());
    send(200, { plexUp: control.plexUp });
    return true;
  }
  send(404, { error: "unknown demo route" });
  return true;
}

/** The control panel: plain HTML and a classic script (the host page's, not the plugin's). */
const CONTROL_PANEL = `
<aside id="demo-panel" aria-label="Demo controls" style="position:fixed;right:12px;bottom:12px;z-index:50;
  width:300px;padding:12px;background:#30404d;color:#f5f8fa;border:1px solid #5c7080;border-radius:6px;font:13px sans-serif">
  <strong>Demo controls</strong> <small>(not part of the plugin)</small>
  <div style="margin:8px 0">Plex: <span id="demo-plex-state">up</span>
    <button type="button" id="demo-plex-down">Take Plex down</button>
    <button type="button" id="demo-plex-up">Bring Plex up</button></div>
  <form id="demo-edit">
    <label>Scene id <input id="demo-scene-id" value="1" size="5"></label><br>
    <label>New title <input id="demo-scene-title" value="Edited in the demo" size="24"></label><br>
    <button type="submit">Save title (fires the hook)</button>
  </form>
  <div id="demo-status" role="status" style="margin-top:6px"></div>
</aside>
<script>
(function () {
  var status = document.getElementById("demo-status");
  var plexState = document.getElementById("demo-plex-state");
  function say(text) { status.textContent = text; }
  function plex(up) {
    fetch("demo/plex/" + (up ? "up" : "down"), { method: "POST" })
      .then(function (r) { return r.json(); })
      .then(function (b) { plexState.textContent = b.plexUp ? "up" : "down"; say("Plex is " + plexState.textContent); });
  }
  document.getElementById("demo-plex-down").onclick = function () { plex(false); };
  document.getElementById("demo-plex-up").onclick = function () { plex(true); };
  document.getElementById("demo-edit").onsubmit = function (e) {
    e.preventDefault();
    var id = document.getElementById("demo-scene-id").value.trim();
    var title = document.getElementById("demo-scene-title").value;
    fetch("graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "mutation DemoEdit($input: SceneUpdateInput!) { sceneUpdate(input: $input) { id title } }",
        variables: { input: { id: id, title: title } }
      })
    }).then(function (r) { return r.json(); }).then(function (b) {
      say(b.errors ? "Edit failed: " + b.errors[0].message : "Saved scene " + id + ": " + b.data.sceneUpdate.title);
    });
  };
})();
</script>`;

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 7777);
  const demo = await startDemo({ port });
  console.log(`Stash2Plex demo: open ${demo.url}`);
  console.log(
    `  scenes: ${demo.world.stash.state.scenes.size} · fake Stash ${demo.world.stash.url} · fake Plex ${demo.world.plex.url}`,
  );
  console.log("  queue page: plugins/stash2plex · settings: settings · Ctrl+C stops");
  const stop = () => {
    demo.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
