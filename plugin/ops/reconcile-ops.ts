import { z } from "zod";
import { openReader } from "../tasks/store-access.js";
import { reconcileReportSchema } from "./contracts.js";
import { operation } from "./operation.js";
import { sendCommand } from "./queue-ops.js";

/** Gaps of the last reconcile report are stored with it: `{..., gaps: [{sceneId, type}]}`. */
const gapsSchema = z.object({ gaps: z.array(z.object({ sceneId: z.string(), type: z.string() })) });

export const reconcileQueueGapsOp = operation("reconcile.queueGaps", async (rt) => {
  const store = await openReader(rt);
  const reports = store.reconcileReports();
  await store.close();
  const last = reports[reports.length - 1];
  const report = reconcileReportSchema.safeParse(last);
  const gaps = gapsSchema.safeParse(last);
  if (!report.success || !gaps.success) {
    return { accepted: false, affected: 0, message: "No reconcile report yet: run Reconcile Library first" };
  }
  const sceneIds = [...new Set(gaps.data.gaps.filter((g) => g.type !== "missing").map((g) => g.sceneId))];
  if (sceneIds.length === 0)
    return { accepted: true, affected: 0, message: "The last reconcile found no gaps to queue" };
  const ack = await sendCommand(
    rt,
    { name: "sync-scenes", sceneIds, reason: "reconcile" },
    `Queued ${sceneIds.length} scene(s) from the last reconcile`,
  );
  return { ...ack, affected: sceneIds.length };
});
