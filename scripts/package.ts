/**
 * `npm run package`: builds, then writes dist/Stash2Plex.zip — only what an installed plugin needs (the manifest
 * with package.json's version, the launcher and the plugin core it loads, the UI bundle, README, LICENSE; no sources,
 * no other .yml, never the launcher's compile-cache/ folder, which each installation builds for its own Node) —
 * and dist/index.yml in the format of Stash's plugin sources (reference/stash-platform.md §6.1), so the dist
 * folder can be published as a plugin source.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { zipSync } from "fflate";
import { parse } from "yaml";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PLUGIN_ID = "Stash2Plex";
export const ZIP_NAME = `${PLUGIN_ID}.zip`;
/** Zip entry → file in the repo. */
export const PACKAGE_FILES: ReadonlyArray<readonly [entry: string, source: string]> = [
  [`${PLUGIN_ID}.yml`, `${PLUGIN_ID}.yml`],
  ["dist/stash2plex.mjs", "dist/stash2plex.mjs"],
  ["dist/stash2plex-core.cjs", "dist/stash2plex-core.cjs"],
  ["dist/stash2plex-hook.cjs", "dist/stash2plex-hook.cjs"],
  ["dist/stash2plex-ui.js", "dist/stash2plex-ui.js"],
  ["dist/stash2plex-ui.css", "dist/stash2plex-ui.css"],
  ["README.md", "README.md"],
  ["LICENSE", "LICENSE"],
];

export interface IndexEntry {
  id: string;
  name: string;
  metadata: { description: string };
  version: string;
  date: string;
  path: string;
  sha256: string;
}

export interface PackageResult {
  zipPath: string;
  indexPath: string;
  entry: IndexEntry;
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, as Stash's index.yml carries it (and compares for updates). */
export function stashIndexDate(at: Date): string {
  return at.toISOString().slice(0, 19).replace("T", " ");
}

/** The release time: the last commit's (reproducible), or now outside a git checkout. */
function releaseTime(): Date {
  try {
    const seconds = execFileSync("git", ["log", "-1", "--format=%ct"], { cwd: ROOT, encoding: "utf8" });
    const at = new Date(Number(seconds.trim()) * 1000);
    if (!Number.isNaN(at.getTime())) return at;
  } catch {
    // not a git checkout
  }
  return new Date();
}

/** The manifest with its `version:` line set to package.json's version (the rest kept byte for byte). */
export function manifestWithVersion(manifest: string, version: string): string {
  if (!/^version:.*$/m.test(manifest)) return `${manifest.trimEnd()}\nversion: ${version}\n`;
  return manifest.replace(/^version:.*$/m, `version: ${version}`);
}

/**
 * index.yml with every string double-quoted (JSON strings are valid YAML double-quoted scalars): a date such as
 * 2026-01-02 03:04:05 left plain could be read as a timestamp by some YAML parsers.
 */
export function indexYml(entries: readonly IndexEntry[]): string {
  const q = (value: string) => JSON.stringify(value);
  return entries
    .map((e) =>
      [
        `- id: ${q(e.id)}`,
        `  name: ${q(e.name)}`,
        "  metadata:",
        `    description: ${q(e.metadata.description)}`,
        `  version: ${q(e.version)}`,
        `  date: ${q(e.date)}`,
        `  path: ${q(e.path)}`,
        `  sha256: ${q(e.sha256)}`,
      ].join("\n"),
    )
    .join("\n")
    .concat("\n");
}

/** Writes the zip and index.yml into `outDir` from already built files. */
export function writePackage(outDir = path.join(ROOT, "dist"), at = releaseTime()): PackageResult {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [entry, source] of PACKAGE_FILES) {
    let bytes: Uint8Array = readFileSync(path.join(ROOT, source));
    if (entry === `${PLUGIN_ID}.yml`) bytes = Buffer.from(manifestWithVersion(bytes.toString(), pkg.version));
    files[entry] = [bytes, { mtime: at }];
  }
  const zip = zipSync(files, { level: 9 });
  const manifest = parse(
    manifestWithVersion(readFileSync(path.join(ROOT, `${PLUGIN_ID}.yml`), "utf8"), pkg.version),
  ) as {
    name: string;
    description: string;
  };
  const entry: IndexEntry = {
    id: PLUGIN_ID,
    name: manifest.name,
    metadata: { description: manifest.description },
    version: pkg.version,
    date: stashIndexDate(at),
    path: ZIP_NAME,
    sha256: createHash("sha256").update(zip).digest("hex"),
  };
  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, ZIP_NAME);
  const indexPath = path.join(outDir, "index.yml");
  writeFileSync(zipPath, zip);
  writeFileSync(indexPath, indexYml([entry]));
  return { zipPath, indexPath, entry };
}

function main(): void {
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  const { zipPath, indexPath, entry } = writePackage();
  console.log(`${path.relative(ROOT, zipPath)}: ${PACKAGE_FILES.length} files, sha256 ${entry.sha256}`);
  console.log(`${path.relative(ROOT, indexPath)}: ${entry.id} ${entry.version} (${entry.date})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
