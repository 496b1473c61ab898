import { z } from "zod";
import { lastReconcileReport } from "../reconcile/run.js";
import { openReader } from "../tasks/store-access.js";
import { reconcileReportSchema } from "./contracts.js";
import { operation } from "./operation.js";
import { sendCommand } from "./queue-ops.js";

/** Gaps of a reconcile report are stored with it: `{..., gaps: [{sceneId, type}]}` (see reconcile/report.ts). */
const gapsSchema = z.object({
  gaps: z.array(z.object({ sceneId: z.string(), type: z.string() })),
});

/** "Queue all gaps": every gap of the newest report, with reason "reconcile". */
export const reconcileQueueGapsOp = operation("reconcile.queueGaps", async (rt) => {
  const store = await openReader(rt);
  const reports = store.reconcileReports();
  await store.close();
  const last = lastReconcileReport(reports);
  const report = reconcileReportSchema.safeParse(last);
  const gaps = gapsSchema.safeParse(last);
  if (!report.success || !gaps.success) {
    return { accepted: false, affected: 0, message: "No reconcile has run yet: run Reconcile first" };
  }
  const sceneIds = [...new Set(gaps.data.gaps.map((g) => g.sceneId))].filter((id) => /^\d+$/.test(id));
  if (sceneIds.length === 0)
    return { accepted: true, affected: 0, message: "The last reconcile found no gaps to queue" };
  // Reason "reconcile" bypasses sync-scene.ts's unchanged-hash shortcut, so an item emptied in Plex is refilled.
  const message = `Queued ${sceneIds.length} scene${sceneIds.length === 1 ? "" : "s"} from the last reconcile`;
  const ack = await sendCommand(
    rt,
    { name: "sync-scenes", sceneIds, reason: "reconcile", hold: true },
    message,
  );
  return { ...ack, affected: sceneIds.length };
});
