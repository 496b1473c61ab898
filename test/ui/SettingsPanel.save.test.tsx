// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { settingDocList } from "../../plugin/config/setting-docs";
import { manifestDescription } from "../../scripts/sync-docs";
import { SettingsPanel } from "../../ui/components/SettingsPanel";
import { previewWords } from "../../ui/components/SettingsPanel/PathMapTester";
import { makeHarness, opCalls, renderWith, savedSettings, saveSettingsElsewhere, uiCalls } from "./helpers";

afterEach(cleanup);

const TOKEN = "stub-token-0123456789";

describe("SettingsPanel", () => {
  it("renders every setting grouped, with the manifest's label and help, and never shows the saved token", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    await screen.findByRole("group", { name: "Plex connection" });
    for (const group of ["Matching", "What to sync", "Queue", "Reconcile", "Logging"]) {
      expect(screen.getByRole("group", { name: group })).toBeTruthy();
    }
    // The words come from Stash (the plugin list's display_name and description), not from the bundle.
    for (const doc of settingDocList()) {
      if (doc.control.type === "libraries") {
        expect(screen.getByRole("group", { name: doc.label })).toBeTruthy();
        continue;
      }
      const input = screen.getByLabelText(doc.label);
      const help = document.getElementById(String(input.getAttribute("aria-describedby")));
      expect({ key: doc.key, help: help?.textContent }).toEqual({
        key: doc.key,
        help: manifestDescription(doc),
      });
    }
    const token = screen.getByLabelText("Plex token") as HTMLInputElement;
    expect(token.type).toBe("password");
    expect(token.value).toBe("");
    expect(token.placeholder).toContain("saved");
    expect(document.body.innerHTML).not.toContain(TOKEN);
    expect((screen.getByLabelText("Sync rating") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Max tags") as HTMLInputElement).value).toBe("100");
  });

  it("names each setting by its key when Stash gives no words, and still saves it", async () => {
    const h = makeHarness();
    h.plugin.manifest = { ...h.plugin.manifest, settings: undefined }; // a Stash that serves no setting words
    renderWith(h, <SettingsPanel />);
    const maxTags = (await screen.findByLabelText("max_tags")) as HTMLInputElement;
    expect(maxTags.value).toBe("100");
    expect(screen.getByRole("group", { name: "plex_library" })).toBeTruthy();
    expect(document.body.textContent).not.toContain("Max tags");
    fireEvent.input(maxTags, { target: { value: "250" } });
    await waitFor(() => expect(savedSettings(h)["max_tags"]).toBe(250));
  });

  it("saves each change on its own, by read–modify–write of the whole map, with Stash's toast", async () => {
    const h = makeHarness();
    saveSettingsElsewhere(h, { ...savedSettings(h), legacy_key: "keep me" });
    renderWith(h, <SettingsPanel />);
    const maxTags = (await screen.findByLabelText("Max tags")) as HTMLInputElement;
    expect(screen.queryByRole("button", { name: "Save" })).toBeNull();
    fireEvent.input(maxTags, { target: { value: "250" } });
    fireEvent.click(screen.getByLabelText("Debug logging"));
    saveSettingsElsewhere(h, { ...savedSettings(h), changed_elsewhere: true }); // another tab saved meanwhile
    await waitFor(() =>
      expect(h.toasts).toContainEqual({ kind: "success", message: "Stash2Plex settings saved" }),
    );
    // Both edits, made within the save delay, went out as one write.
    expect(uiCalls(h).filter((c) => c.kind === "saveSettings")).toHaveLength(1);
    expect(savedSettings(h)).toEqual({
      plex_url: "http://plex.example:32400",
      plex_token: TOKEN,
      sync_rating: true,
      legacy_key: "keep me",
      changed_elsewhere: true,
      max_tags: 250,
      debug_logging: true,
    });
    expect(document.querySelector(".alert-success")).toBeNull();
  });

  it("does not save a number out of range and says why", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    const timeout = (await screen.findByLabelText("Connect timeout (s)")) as HTMLInputElement;
    fireEvent.input(timeout, { target: { value: "300" } });
    await screen.findByText(/Enter a number from 1 to 30/);
    expect(timeout.className).toContain("is-invalid");
    await new Promise((r) => setTimeout(r, 700));
    expect(uiCalls(h).filter((c) => c.kind === "saveSettings")).toHaveLength(0);
  });

  it("uses Stash's input classes", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    expect((await screen.findByLabelText("Plex URL")).className).toContain("text-input");
    expect(screen.getByLabelText("Plex token").className).toContain("text-input");
    for (const select of document.querySelectorAll("select"))
      expect(select.className).toContain("input-control");
    expect(document.querySelector(".custom-select")).toBeNull();
  });

  it("keeps the token's own confirm: typing saves nothing, Save token replaces it", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    fireEvent.input(await screen.findByLabelText("Plex token"), {
      target: { value: "  new-token-abcdefghij " },
    });
    await new Promise((r) => setTimeout(r, 700));
    expect(uiCalls(h).filter((c) => c.kind === "saveSettings")).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Save token" }));
    await waitFor(() => expect(savedSettings(h)["plex_token"]).toBe("new-token-abcdefghij"));
    expect(h.toasts).toContainEqual({ kind: "success", message: "Plex token saved" });
    expect((screen.getByLabelText("Plex token") as HTMLInputElement).value).toBe("");
  });

  it("tests the connection with the form's URL and answers in a toast", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    fireEvent.input(await screen.findByLabelText("Plex URL"), { target: { value: "http://10.0.0.2:32400" } });
    fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    await waitFor(() =>
      expect(h.toasts).toContainEqual({
        kind: "success",
        message: "Connected to Plex 1.41.3.9314 in 42 ms. Libraries: Scenes, Clips.",
      }),
    );
    expect(opCalls(h, "plex.test")[0]?.args).toEqual({ op: "plex.test", plex_url: "http://10.0.0.2:32400" });
    expect(document.querySelector(".alert")).toBeNull();
  });

  it("shows an empty library setting as every video library ticked, and saves a choice", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Load libraries from Plex" }));
    const scenes = (await screen.findByLabelText(/Scenes/)) as HTMLInputElement;
    const clips = screen.getByLabelText(/Clips/) as HTMLInputElement;
    expect([scenes.checked, clips.checked]).toEqual([true, true]);
    expect(screen.getByText(/All libraries: every movie and video library is synced/)).toBeTruthy();
    fireEvent.click(scenes);
    expect(screen.getByText(/Only: Clips/)).toBeTruthy();
    await waitFor(() => expect(savedSettings(h)["plex_library"]).toBe("Clips"));
    fireEvent.click(screen.getByRole("button", { name: "Use all libraries" }));
    await waitFor(() => expect(savedSettings(h)["plex_library"]).toBeUndefined());
  });

  it("says so when Plex shows no libraries (not set up yet)", async () => {
    const h = makeHarness();
    h.plugin.overrides.set("plex.libraries", { libraries: [] });
    renderWith(h, <SettingsPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Load libraries from Plex" }));
    await waitFor(() =>
      expect(h.toasts).toContainEqual({
        kind: "error",
        message: "Load libraries failed: Plex showed no libraries: set its URL and token first",
      }),
    );
    expect(screen.getByRole("button", { name: "Load libraries from Plex" })).toBeTruthy();
  });

  it("previews a path and says what Plex has, not 'Not checked'", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    fireEvent.input(await screen.findByLabelText(/Try a Stash file path/), {
      target: { value: "/data/a.mp4" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    await screen.findByText("/media/a.mp4");
    expect(screen.getByText(/^Not in Plex: no item has the path \/media\/a.mp4/)).toBeTruthy();
    expect(document.body.textContent).not.toContain("Not checked");
  });

  it("offers to read the Plex libraries when there is no index yet", async () => {
    const h = makeHarness();
    h.plugin.overrides.set("paths.preview", {
      mapped: "/media/a.mp4",
      match: { state: "unknown", reason: "no_index" },
    });
    renderWith(h, <SettingsPanel />);
    fireEvent.input(await screen.findByLabelText(/Try a Stash file path/), {
      target: { value: "/data/a.mp4" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    await screen.findByText(/has not read your Plex libraries yet/);
    h.plugin.overrides.set("paths.preview", {
      mapped: "/media/a.mp4",
      match: {
        state: "matched",
        ratingKeys: ["7"],
        items: [{ ratingKey: "7", title: "A", sectionId: "1", plexWebUrl: null }],
        how: "path",
      },
    });
    fireEvent.click(screen.getByRole("button", { name: "Read Plex libraries now" }));
    await screen.findByText('Found in Plex by its mapped path: "A".');
    expect(opCalls(h, "library.read")).toHaveLength(1);
  });

  it("shows the Node notice when the connection test cannot start node", async () => {
    const h = makeHarness();
    h.plugin.runtimeMissing = true;
    renderWith(h, <SettingsPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Test connection" }));
    await screen.findByText("Stash2Plex needs Node.js 22.13 or newer");
  });
});

describe("previewWords", () => {
  const matched = (how: "path" | "basename") => ({
    state: "matched" as const,
    ratingKeys: ["7"],
    items: [{ ratingKey: "7", title: "A", sectionId: "1", plexWebUrl: null }],
    how,
  });
  it("says 'mapped path' only when a path-map rule changed the path", () => {
    expect(previewWords("/media/a.mp4", { mapped: "/media/a.mp4", match: matched("path") })).toBe(
      'Found in Plex by its path (Stash and Plex see the same path): "A".',
    );
    expect(previewWords("/data/a.mp4", { mapped: "/media/a.mp4", match: matched("path") })).toContain(
      "by its mapped path",
    );
    expect(previewWords("/data/a.mp4", { mapped: "/media/a.mp4", match: matched("basename") })).toContain(
      "by its file name only",
    );
  });
});
