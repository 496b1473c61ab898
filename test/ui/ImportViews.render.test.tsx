// @vitest-environment happy-dom
import "fake-indexeddb/auto";
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { QueuePage } from "../../ui/components/QueuePage";
import { LastImport } from "../../ui/components/QueuePage/LastImport";
import { SceneTab } from "../../ui/components/SceneTab";
import { clockTime, PlexActivity } from "../../ui/components/SceneTab/PlexActivity";
import { makeHarness, renderWith } from "./helpers";

afterEach(cleanup);

describe("PlexActivity (scene tab)", () => {
  it("shows Stash's plays and resume point next to Plex's", () => {
    render(
      <PlexActivity
        activity={{
          plex: { viewCount: 3, lastViewedAt: Date.UTC(2024, 5, 3, 12), resumeSeconds: 3725 },
          stash: { playCount: 2, lastPlayedAt: null, resumeSeconds: null },
        }}
        locale="en-US"
      />,
    );
    const row = (name: string) => screen.getByText(name).closest("tr")?.textContent ?? "";
    expect(row("Play count")).toBe("Play count23");
    expect(row("Last played")).toContain("never");
    expect(row("Resume at")).toBe("Resume at—1:02:05");
  });

  it("renders nothing for a plugin that sends no activity", () => {
    const { container } = render(<PlexActivity activity={undefined} locale="en-US" />);
    expect(container.textContent).toBe("");
    expect(clockTime(249)).toBe("4:09");
  });
});

describe("LastImport (queue page)", () => {
  const renderCounts = (
    playsAdded: number,
    playsSkipped: number,
    playsUnmatched: number,
    resume: number,
    ratings: number,
  ) =>
    render(
      <LastImport
        report={{
          at: Date.UTC(2024, 5, 3),
          playsAdded,
          playsSkipped,
          playsUnmatched,
          resumeUpdated: resume,
          ratingsUpdated: ratings,
        }}
        locale="en-US"
      />,
    );

  it("says what the last import added, skipped and could not match, one of a thing in the singular", () => {
    const cases: Array<[Parameters<typeof renderCounts>, string[]]> = [
      [
        [3, 5, 2, 1, 4],
        [
          "3 plays added to Stash",
          "5 plays already imported (skipped)",
          "2 plays of Plex items that match no single scene",
          "1 resume point and 4 ratings updated",
        ],
      ],
      [
        [1, 1, 1, 0, 1],
        [
          "1 play added to Stash",
          "1 play already imported (skipped)",
          "1 play of Plex items that match no single scene",
          "0 resume points and 1 rating updated",
        ],
      ],
    ];
    for (const [counts, lines] of cases) {
      const { container } = renderCounts(...counts);
      expect([...container.querySelectorAll("li")].map((li) => li.textContent)).toEqual(lines);
      cleanup();
    }
  });

  it("renders nothing before the first import", () => {
    const { container } = render(<LastImport report={null} locale="en-US" />);
    expect(container.textContent).toBe("");
  });
});

describe("mounted where the user sees them", () => {
  it("the Plex tab shows the Plays table from scene.status", async () => {
    renderWith(makeHarness(), <SceneTab sceneId="1" />);
    const row = (await screen.findByText("Play count")).closest("tr");
    expect(row?.textContent).toBe("Play count33");
    expect(screen.getByText("Resume at").closest("tr")?.textContent).toBe("Resume at12:3412:34");
  });

  it("the queue page shows the last import from queue.summary", async () => {
    renderWith(makeHarness(), <QueuePage />);
    expect(await screen.findByText("14 plays added to Stash")).toBeTruthy();
    expect(screen.getByText("Last import from Plex")).toBeTruthy();
  });
});
