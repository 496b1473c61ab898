import { z } from "zod";
import { lastReconcileReport } from "../reconcile/run.js";
import { openReader } from "../tasks/store-access.js";
import { reconcileReportSchema } from "./contracts.js";
import { operation } from "./operation.js";
import { sendCommand } from "./queue-ops.js";

/** Gaps of a reconcile report are stored with it: `{..., gaps: [{sceneId, type}]}` (see reconcile/report.ts). */
const gapsSchema = z.object({
  gaps: z.array(z.object({ sceneId: z.string(), type: z.string(), forced: z.boolean().optional() })),
});

/** "Queue all gaps": every gap of the newest report, with reason "reconcile". */
export const reconcileQueueGapsOp = operation("reconcile.queueGaps", async (rt) => {
  const store = await openReader(rt);
  const reports = store.reconcileReports();
  await store.close();
  const last = lastReconcileReport(rt.dataDir, reports);
  const report = reconcileReportSchema.safeParse(last);
  const gaps = gapsSchema.safeParse(last);
  if (!report.success || !gaps.success) {
    return { accepted: false, affected: 0, message: "No reconcile report yet: run Reconcile Library first" };
  }
  const sceneIds = [...new Set(gaps.data.gaps.map((g) => g.sceneId))].filter((id) => /^\d+$/.test(id));
  if (sceneIds.length === 0)
    return { accepted: true, affected: 0, message: "The last reconcile found no gaps to queue" };
  // Gaps whose desired state equals what we last wrote must bypass sync-scene.ts's unchanged-hash shortcut,
  // which today only reason "manual" does (see reconcile/run.ts).
  const forced = new Set(gaps.data.gaps.filter((g) => g.forced).map((g) => g.sceneId));
  const plain = sceneIds.filter((id) => !forced.has(id));
  const message = `Queued ${sceneIds.length} scene(s) from the last reconcile`;
  if (forced.size > 0)
    await sendCommand(rt, { name: "sync-scenes", sceneIds: [...forced], reason: "manual" }, message);
  const ack =
    plain.length > 0
      ? await sendCommand(rt, { name: "sync-scenes", sceneIds: plain, reason: "reconcile" }, message)
      : { accepted: true, affected: forced.size, message };
  return { ...ack, affected: sceneIds.length };
});
