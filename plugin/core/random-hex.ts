/**
 * Random hex digits for names that must not collide between processes (job ids, temporary file names, lease
 * owners) — never for secrets. Math.random is seeded per process from the OS, and avoiding node:crypto here
 * keeps ~10 ms of OpenSSL start-up off every hook (docs/decisions.md).
 */
export function randomHex(digits: number): string {
  let out = "";
  while (out.length < digits)
    out += Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, "0");
  return out.slice(0, digits);
}
