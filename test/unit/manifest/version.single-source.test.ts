import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PLUGIN_VERSION } from "../../../plugin/core/version.js";
import { outOfDate, ROOT } from "../../../scripts/sync-docs.js";

const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

/** Source files under `dir` that spell `version` as a string literal: a copy that would drift. */
function literalCopies(dir: string, version: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) found.push(...literalCopies(file, version));
    else if (/\.(ts|tsx)$/.test(name) && readFileSync(file, "utf8").includes(JSON.stringify(version)))
      found.push(file);
  }
  return found;
}

let temp: string | null = null;
afterEach(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = null;
});

describe("one version, package.json's", () => {
  it("is what the code says it is (put in by the bundler's define)", () => {
    expect(PLUGIN_VERSION).toBe(pkg.version);
  });

  it("is written nowhere else in the plugin or UI sources", () => {
    expect([
      ...literalCopies(path.join(ROOT, "plugin"), pkg.version),
      ...literalCopies(path.join(ROOT, "ui"), pkg.version),
    ]).toEqual([]);
  });

  it("a copy planted in a source file is found", () => {
    temp = mkdtempSync(path.join(tmpdir(), "s2p-version-"));
    writeFileSync(path.join(temp, "http.ts"), `const v = ${JSON.stringify(pkg.version)};\n`);
    expect(literalCopies(temp, pkg.version)).toEqual([path.join(temp, "http.ts")]);
  });

  it("the manifest's version is generated from it, and one bumped alone is out of date", () => {
    expect(outOfDate()).toEqual([]);
    temp = mkdtempSync(path.join(tmpdir(), "s2p-version-"));
    for (const name of ["package.json", "Stash2Plex.yml", "README.md"])
      cpSync(path.join(ROOT, name), path.join(temp, name));
    const bumped = { ...pkg, version: "99.0.0" };
    writeFileSync(path.join(temp, "package.json"), JSON.stringify(bumped));
    expect(outOfDate(temp)).toEqual(["Stash2Plex.yml"]);
  });
});
