import { describe, expect, it } from "vitest";
import { oneAtATime } from "../../../plugin/core/one-at-a-time.js";

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe("oneAtATime", () => {
  it("runs calls with one key in turn, other keys beside them, and goes on after a failure", async () => {
    const turns = oneAtATime();
    const log: string[] = [];
    const step =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      turns("a", step("a1", true)),
      turns("a", step("a2")),
      turns("b", step("b1")),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      "a1",
      "a2",
      "b1",
    ]);
    expect(log.indexOf("a1 end")).toBeLessThan(log.indexOf("a2 start"));
    expect(log.indexOf("b1 start")).toBeLessThan(log.indexOf("a1 end"));
  });
});
