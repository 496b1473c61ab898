/**
 * The persistent `X-Plex-Client-Identifier`. One id per install keeps Plex from announcing a "new device"
 * on every run. Reuses the Python plugin's `<dataDir>/device_id.json` (`{"device_id": "<uuid>"}`).
 *
 * Creation is crash-safe and race-safe: the file is written to a temp name (mode 0600, fsync) and then
 * hard-linked into place, which fails if another process won the race — we then adopt its id. Where
 * hard links are unsupported the temp file is renamed instead. A corrupt file is replaced by rename.
 */
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Logger } from "../log/logger.js";

export type DeviceIdFs = Pick<typeof nodeFs, "readFile" | "open" | "link" | "rename" | "rm" | "mkdir">;

export interface DeviceIdDeps {
  fs?: DeviceIdFs;
  randomUUID?: () => string;
  logger?: Logger;
}

export const DEVICE_ID_FILE = "device_id.json";

/** Header-safe: what a UUID (or any sane opaque id) looks like. */
const deviceFileSchema = z.object({ device_id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/) });

function errorCode(e: unknown): string | undefined {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

type ReadResult = { kind: "ok"; id: string } | { kind: "missing" } | { kind: "corrupt" };

async function readDeviceId(fs: DeviceIdFs, file: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    if (errorCode(e) === "ENOENT") return { kind: "missing" };
    throw e;
  }
  try {
    const parsed = deviceFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? { kind: "ok", id: parsed.data.device_id } : { kind: "corrupt" };
  } catch {
    return { kind: "corrupt" };
  }
}

async function writeTemp(fs: DeviceIdFs, temp: string, id: string): Promise<void> {
  const handle = await fs.open(temp, "wx", 0o600);
  try {
    await handle.writeFile(JSON.stringify({ device_id: id }), "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Links `temp` to `file` unless it exists (false then); falls back to rename where links fail. */
async function publish(fs: DeviceIdFs, temp: string, file: string, replace: boolean): Promise<boolean> {
  if (replace) {
    await fs.rename(temp, file);
    return true;
  }
  try {
    await fs.link(temp, file);
    return true;
  } catch (e) {
    const code = errorCode(e);
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EXDEV") throw e;
    await fs.rename(temp, file);
    return true;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

export async function loadOrCreateDeviceId(dataDir: string, deps: DeviceIdDeps = {}): Promise<string> {
  const fs = deps.fs ?? nodeFs;
  const newId = deps.randomUUID ?? (() => globalThis.crypto.randomUUID());
  const file = join(dataDir, DEVICE_ID_FILE);
  const existing = await readDeviceId(fs, file);
  if (existing.kind === "ok") return existing.id;
  if (existing.kind === "corrupt")
    deps.logger?.warn(`${DEVICE_ID_FILE} is unreadable; creating a new device id`);
  await fs.mkdir(dataDir, { recursive: true });
  const id = newId();
  const temp = join(dataDir, `${DEVICE_ID_FILE}.${id}.tmp`);
  await writeTemp(fs, temp, id);
  if (await publish(fs, temp, file, existing.kind === "corrupt")) return id;
  const winner = await readDeviceId(fs, file);
  if (winner.kind === "ok") return winner.id;
  throw new Error(`${DEVICE_ID_FILE} was created by another process but cannot be read`);
}
