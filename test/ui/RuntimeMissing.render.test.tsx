// @vitest-environment happy-dom
import "fake-indexeddb/auto";
import { cleanup, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { nodeVersionProblem } from "../../plugin/protocol/node-version";
import { QueuePage } from "../../ui/components/QueuePage";
import { SceneTab } from "../../ui/components/SceneTab";
import { makeHarness, renderWith } from "./helpers";

afterEach(cleanup);

describe("RuntimeMissing for a Node older than 22.13", () => {
  const tooOld = `error running plugin: ${nodeVersionProblem("v20.20.2")}`;

  it("the scene tab names the Node found and how to upgrade instead of showing the raw error", async () => {
    const h = makeHarness();
    h.plugin.failures.set("scene.status", tooOld);
    renderWith(h, <SceneTab sceneId="1" />);
    await screen.findByText("Stash2Plex needs Node.js 22.13 or newer");
    expect(screen.getByText("v20.20.2")).toBeTruthy();
    expect(document.body.textContent).toContain("apk add --no-cache nodejs");
    expect(document.body.textContent).toContain("Node.js 24 (recommended)");
    expect(document.body.textContent).not.toContain("error running plugin");
  });

  it("the queue page shows the same guidance", async () => {
    const h = makeHarness();
    h.plugin.failures.set("queue.summary", tooOld);
    renderWith(h, <QueuePage />);
    await screen.findByText("Stash2Plex needs Node.js 22.13 or newer");
    expect(screen.getByText("v20.20.2")).toBeTruthy();
  });
});
