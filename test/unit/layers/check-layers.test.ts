import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { checkLayers, readLayers } from "../../../scripts/check-layers.mjs";

const check = checkLayers as (root: string) => string[];
const layersOf = readLayers as (md: string) => { name: string; paths: string[] }[];

const ARCHITECTURE = `# Architecture

## Layers

| layer | paths | may use |
|---|---|---|
| entry | \`plugin/main.ts\` | all |
| surfaces | \`plugin/ops\` | below |
| core | \`plugin/core\` | core |

## Something else
`;

let root = "";
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = "";
});

function tree(files: Record<string, string>): string {
  root = mkdtempSync(path.join(tmpdir(), "s2p-layers-"));
  for (const [file, text] of Object.entries({ "docs/architecture.md": ARCHITECTURE, ...files })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const CLEAN = {
  "plugin/main.ts": 'import { op } from "./ops/op.js";\nexport const main = op;\n',
  "plugin/ops/op.ts": 'import type { Clock } from "../core/clock.js";\nexport const op = (c: Clock) => c;\n',
  "plugin/core/clock.ts": "export interface Clock { now(): number }\n",
};

describe("scripts/check-layers.mjs", () => {
  it("reads the layer table of docs/architecture.md, top first, and stops at the next section", () => {
    expect(layersOf(ARCHITECTURE)).toEqual([
      { name: "entry", paths: ["plugin/main.ts"] },
      { name: "surfaces", paths: ["plugin/ops"] },
      { name: "core", paths: ["plugin/core"] },
    ]);
  });

  it("passes a tree whose imports go down the layers", () => {
    expect(check(tree(CLEAN))).toEqual([]);
  });

  it("fails on a planted cycle, type-only imports included", () => {
    const problems = check(
      tree({
        ...CLEAN,
        "plugin/core/a.ts": 'import type { B } from "./b.js";\nexport type A = B[];\n',
        "plugin/core/b.ts": 'import { type A } from "./a.js";\nexport type B = { a: A };\n',
      }),
    );
    expect(problems).toEqual(["import cycle: plugin/core/a.ts ↔ plugin/core/b.ts"]);
  });

  it("fails on an import against the layer order, dynamic imports included", () => {
    const problems = check(
      tree({ ...CLEAN, "plugin/core/up.ts": 'export const load = () => import("../ops/op.js");\n' }),
    );
    expect(problems).toEqual([
      "plugin/core/up.ts (core) imports plugin/ops/op.ts (surfaces), a higher layer",
    ]);
  });

  it("fails on a file in no layer and on a listed path that holds nothing", () => {
    const files: Record<string, string> = { ...CLEAN, "plugin/stray/x.ts": "export const x = 1;\n" };
    delete files["plugin/ops/op.ts"];
    files["plugin/main.ts"] = "export const main = 1;\n";
    const problems = check(tree(files));
    expect(problems).toContain(
      "plugin/stray/x.ts belongs to no layer: add its folder to the Layers table in docs/architecture.md",
    );
    expect(problems).toContain(
      "docs/architecture.md lists `plugin/ops` (layer surfaces), which holds no source file",
    );
  });
});

describe("this repository", () => {
  it("keeps its layers: every plugin file in a layer of docs/architecture.md, no cycle, no upward import", () => {
    expect(check(path.resolve(import.meta.dirname, "../../.."))).toEqual([]);
  });
});
