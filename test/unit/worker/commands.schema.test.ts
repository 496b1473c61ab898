import { describe, expect, it } from "vitest";
import { commandSchema } from "../../../plugin/worker/commands.js";

/** The command schema (worker/commands.ts): the boundary where UI operations' arguments enter the worker. */
describe("commandSchema", () => {
  it("accepts each command in its documented shape", () => {
    const commands = [
      { name: "sync-scenes", sceneIds: ["1", "22"], reason: "manual", hold: true },
      { name: "pin", sceneId: "7", ratingKey: "501" },
      { name: "pin", sceneId: "7", ratingKey: null },
      { name: "retry-dead", selection: { errorClasses: ["timeout"], failedAfter: 5 } },
      { name: "delete-dead", selection: { all: true } },
      { name: "purge-dead", days: 0 },
      { name: "clear-pending" },
      { name: "delete-jobs", ids: ["a"] },
      { name: "resume" },
      { name: "clear-match-cache" },
    ];
    for (const command of commands) expect(commandSchema.parse(command), command.name).toEqual(command);
  });

  it.each([
    [
      "a scene id that is not a number",
      { name: "sync-scenes", sceneIds: ["1", "x"], reason: "manual" },
      "sceneIds",
    ],
    ["an unknown sync reason", { name: "sync-scenes", sceneIds: ["1"], reason: "whenever" }, "reason"],
    ["an empty pinned ratingKey", { name: "pin", sceneId: "1", ratingKey: "" }, "ratingKey"],
    ["a negative purge age", { name: "purge-dead", days: -1 }, "days"],
    ["a fractional purge age", { name: "purge-dead", days: 1.5 }, "days"],
    ["an unknown command", { name: "reboot" }, "name"],
  ])("rejects %s, naming the field", (_what, input, field) => {
    const result = commandSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([expect.stringContaining(field)]);
  });
});
