/**
 * A stable fingerprint of a desired state, so the shell can skip scenes whose desired state has not changed
 * since the last successful sync. Pure JS (no node:crypto): FNV-1a 64 over the UTF-8 bytes of a canonical
 * JSON (object keys sorted, list order kept, `undefined` members dropped).
 */
import type { DesiredState } from "./desired.js";

/** Bump when the meaning of a desired state changes, so every stored hash stops matching. */
const HASH_VERSION = "desired-v1";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

/** JSON with object keys in code-unit order at every level. */
export function canonicalJson(value: Json | undefined): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  const members = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
  return `{${members.join(",")}}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** FNV-1a 64 of a string's UTF-8 bytes, as 16 lower-case hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, "0");
}

/** Fingerprint of what would be written (the truncation counts are informational and left out). */
export function desiredStateHash(desired: DesiredState): string {
  const intent: Json = {
    scalars: { ...desired.scalars },
    lists: Object.fromEntries(
      Object.entries(desired.lists).map(([field, list]) => [
        field,
        { mode: list.mode, values: [...list.values] },
      ]),
    ),
    images: { ...desired.images },
  };
  return fnv1a64(`${HASH_VERSION}\n${canonicalJson(intent)}`);
}
