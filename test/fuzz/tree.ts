import { lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface TreeEntry {
  path: string;
  isDir: boolean;
  /** Permission bits only (e.g. 0o600). */
  mode: number;
  /** File contents as text ("" for directories). */
  text: string;
}

/** Every file and directory under `dir` (not `dir` itself), with permission bits and contents. */
export function listTree(dir: string): TreeEntry[] {
  const out: TreeEntry[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(full);
    } catch {
      continue; // removed while we looked (a drainer may still be tidying up)
    }
    const mode = stat.mode & 0o777;
    if (stat.isDirectory()) {
      out.push({ path: full, isDir: true, mode, text: "" });
      out.push(...listTree(full));
    } else {
      let text = "";
      try {
        text = readFileSync(full, "utf8");
      } catch {
        // removed between stat and read
      }
      out.push({ path: full, isDir: false, mode, text });
    }
  }
  return out;
}
