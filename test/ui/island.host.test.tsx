// @vitest-environment happy-dom
import { useEffect } from "preact/hooks";
import React from "react";
import ReactDOM from "react-dom";
import { act } from "react-dom/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { createIslands } from "../../ui/host/island";
import type { PluginApi } from "../../ui/host/plugin-api";
import { noCache } from "../../ui/lib/cache";
import { useDeps } from "../../ui/lib/deps";
import { makeHarness } from "./helpers";

let container: HTMLElement;
afterEach(() => {
  ReactDOM.unmountComponentAtNode(container);
  container.remove();
});

function fakeApi(pushed: string[], toasts: string[]): PluginApi {
  return {
    React: React as unknown as PluginApi["React"],
    libraries: {
      ReactRouterDOM: { useHistory: () => ({ push: (path: string) => pushed.push(path) }) },
      Bootstrap: { Nav: { Item: "li", Link: "a" }, Tab: { Pane: "div" } },
    },
    hooks: {
      useToast: () => ({
        success: (m: string) => toasts.push(`ok:${m}`),
        error: (e: unknown) => toasts.push(`err:${String(e)}`),
      }),
    },
    register: { route: () => {} },
    patch: { before: () => {}, instead: () => {}, after: () => {} },
  };
}

const lifecycle: string[] = [];

function Probe({ text }: { text: string }) {
  const { host } = useDeps();
  useEffect(() => {
    lifecycle.push("mounted");
    return () => lifecycle.push("unmounted");
  }, []);
  return (
    <button
      type="button"
      onClick={() => {
        host.navigate("/plugins/stash2plex");
        host.toast.success("hi");
      }}
    >
      {text}
    </button>
  );
}

describe("island host on real React 17", () => {
  it("mounts a Preact tree, re-renders it with new props, lends router and toasts, and unmounts it", () => {
    container = document.createElement("div");
    document.body.append(container);
    const pushed: string[] = [];
    const toasts: string[] = [];
    const { deps } = makeHarness();
    const island = createIslands(fakeApi(pushed, toasts), { ...deps, cache: noCache });
    lifecycle.length = 0;

    act(() => {
      ReactDOM.render(island(Probe, { text: "one" }), container);
    });
    expect(container.querySelector(".stash2plex-island button")?.textContent).toBe("one");
    act(() => {
      ReactDOM.render(island(Probe, { text: "two" }), container);
    });
    expect(container.querySelector("button")?.textContent).toBe("two");
    expect(lifecycle).toEqual(["mounted"]);

    act(() => (container.querySelector("button") as HTMLButtonElement).click());
    expect(pushed).toEqual(["/plugins/stash2plex"]);
    expect(toasts).toEqual(["ok:hi"]);

    act(() => {
      ReactDOM.unmountComponentAtNode(container);
    });
    expect(lifecycle).toEqual(["mounted", "unmounted"]);
    expect(container.innerHTML).toBe("");
  });
});
