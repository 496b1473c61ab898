// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { SettingsPanel } from "../../ui/components/SettingsPanel";
import { ALL_SETTINGS } from "../../ui/components/SettingsPanel/settings-help";
import { makeHarness, opCalls, renderWith } from "./helpers";

afterEach(cleanup);

const TOKEN = "stub-token-0123456789";

describe("SettingsPanel", () => {
  it("renders every setting grouped, with help text, and never shows the saved token", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    await screen.findByRole("group", { name: "Plex connection" });
    for (const group of ["Matching", "What to sync", "Queue", "Reconcile", "Logging"]) {
      expect(screen.getByRole("group", { name: group })).toBeTruthy();
    }
    for (const s of ALL_SETTINGS.filter((x) => x.kind.type !== "libraries")) {
      expect(screen.getByLabelText(s.label)).toBeTruthy();
    }
    const token = screen.getByLabelText("Plex token") as HTMLInputElement;
    expect(token.type).toBe("password");
    expect(token.value).toBe("");
    expect(token.placeholder).toContain("saved");
    expect(document.body.innerHTML).not.toContain(TOKEN);
    expect((screen.getByLabelText("Rating") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Max tags") as HTMLInputElement).value).toBe("100");
  });

  it("saves by read–modify–write of the whole map: unknown keys and the token survive", async () => {
    const h = makeHarness();
    h.backend.settings = { ...h.backend.settings, legacy_key: "keep me" };
    renderWith(h, <SettingsPanel />);
    const maxTags = (await screen.findByLabelText("Max tags")) as HTMLInputElement;
    const save = screen.getByRole("button", { name: "Save" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.input(maxTags, { target: { value: "250" } });
    fireEvent.click(screen.getByLabelText("Debug logging"));
    h.backend.settings = { ...h.backend.settings, changed_elsewhere: true }; // another tab saved meanwhile
    fireEvent.click(save);
    await waitFor(() => expect(h.toasts).toContainEqual({ kind: "success", message: "Settings saved" }));
    expect(h.backend.settings).toEqual({
      plex_url: "http://plex.example:32400",
      plex_token: TOKEN,
      sync_rating: true,
      legacy_key: "keep me",
      changed_elsewhere: true,
      max_tags: 250,
      debug_logging: true,
    });
  });

  it("replaces the token only when a new one is typed", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    fireEvent.input(await screen.findByLabelText("Plex token"), {
      target: { value: "  new-token-abcdefghij " },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(h.backend.settings["plex_token"]).toBe("new-token-abcdefghij"));
  });

  it("tests the connection with the form's URL and shows version, latency and libraries", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    fireEvent.input(await screen.findByLabelText("Plex URL"), { target: { value: "http://10.0.0.2:32400" } });
    fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    await screen.findByText(/Connected to Plex 1.41.3.9314/);
    expect(screen.getByText(/in 42 ms/)).toBeTruthy();
    expect(opCalls(h, "plex.test")[0]?.args).toEqual({ op: "plex.test", plex_url: "http://10.0.0.2:32400" });
  });

  it("picks libraries from Plex into the comma-separated setting", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Load libraries from Plex" }));
    fireEvent.click(await screen.findByLabelText(/Clips/));
    expect(screen.getByText("Chosen: Clips")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(h.backend.settings["plex_library"]).toBe("Clips"));
  });

  it("previews a path through the saved path map", async () => {
    const h = makeHarness();
    renderWith(h, <SettingsPanel />);
    fireEvent.input(await screen.findByLabelText(/Try a Stash file path/), {
      target: { value: "/data/a.mp4" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    await screen.findByText("/media/a.mp4");
    expect(screen.getByText("Not in Plex")).toBeTruthy();
  });

  it("shows the Node notice when the connection test cannot start node", async () => {
    const h = makeHarness();
    h.backend.runtimeMissing = true;
    renderWith(h, <SettingsPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Test connection" }));
    await screen.findByText("Stash2Plex needs Node.js 22.13 or newer");
  });
});
