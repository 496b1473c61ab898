import { describe, expect, it } from "vitest";
import { readAhead } from "../../../plugin/core/read-ahead.js";

/** A source that records when each page is requested and when it is handed out. */
function pages(count: number, failAt: number | null = null) {
  const log: string[] = [];
  let closed = false;
  async function* source(): AsyncGenerator<number> {
    try {
      for (let i = 1; i <= count; i++) {
        log.push(`fetch ${i}`);
        // As a request does: it reaches the socket a tick later, then waits for the answer.
        await new Promise((resolve) => process.nextTick(resolve));
        log.push(`sent ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (i === failAt) throw new Error(`page ${i} failed`);
        yield i;
      }
    } finally {
      closed = true;
    }
  }
  return { source: source(), log, isClosed: () => closed };
}

describe("readAhead", () => {
  it("sends the next page's request before the loop works on the current one, in order", async () => {
    const { source, log } = pages(3);
    const seen: number[] = [];
    for await (const page of readAhead(source)) {
      log.push(`work ${page}`);
      seen.push(page);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(log).toEqual([
      "fetch 1",
      "sent 1",
      "fetch 2",
      "sent 2",
      "work 1",
      "fetch 3",
      "sent 3",
      "work 2",
      "work 3",
    ]);
  });

  it("surfaces a failed fetch where the loop asks for that page", async () => {
    const { source } = pages(3, 2);
    const seen: number[] = [];
    const run = async () => {
      for await (const page of readAhead(source)) seen.push(page);
    };
    await expect(run()).rejects.toThrow("page 2 failed");
    expect(seen).toEqual([1]);
  });

  it("closes the source when the loop stops early, after the fetch in flight settles", async () => {
    const { source, isClosed } = pages(5);
    for await (const page of readAhead(source)) if (page === 2) break;
    expect(isClosed()).toBe(true);
  });

  it("ignores a failure of a page the loop never asked for", async () => {
    const { source } = pages(3, 2);
    for await (const page of readAhead(source)) if (page === 1) break;
  });
});
