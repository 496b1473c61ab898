#!/usr/bin/env node
// The layer check (`npm run lint`): every file of plugin/ belongs to one layer of the table under "## Layers" in
// docs/architecture.md (the document is the configuration, so the two cannot drift); a file may import its own
// layer and the layers below it, never one above; and no import cycle exists between files, type-only imports
// included (a type shared across layers belongs in the lower one).
//
//   node scripts/check-layers.mjs [projectRoot]      exit 0: clean; exit 1: each problem on its own line
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SOURCE_ROOT = "plugin";
const IMPORT_PATTERNS = [
  /^\s*(?:import|export)\s[^"';]*?\sfrom\s*["']([^"']+)["']/gm,
  /^\s*import\s*["']([^"']+)["']/gm,
  /\bimport\(\s*["']([^"']+)["']\s*\)/g,
];

/** The "## Layers" table of docs/architecture.md, top layer first: [{ name, paths }]. */
export function readLayers(architectureMd) {
  const section = /^## Layers\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(architectureMd);
  if (!section) throw new Error('docs/architecture.md has no "## Layers" section');
  const layers = [];
  for (const line of section[1].split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    if (cells.length < 4 || cells[1] === "" || /^-+$/.test(cells[1]) || cells[1] === "layer") continue;
    const paths = [...cells[2].matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\/$/, ""));
    if (paths.length > 0) layers.push({ name: cells[1], paths });
  }
  if (layers.length === 0) throw new Error('the "## Layers" table of docs/architecture.md lists no paths');
  return layers;
}

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) files.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry) && !entry.endsWith(".d.ts")) files.push(full);
  }
  return files;
}

/** Relative imports of one file, resolved to project-relative paths of existing source files. */
function importsOf(file, root, known) {
  const text = readFileSync(path.join(root, file), "utf8");
  const targets = new Set();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const spec = match[1];
      if (!spec.startsWith(".")) continue;
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, "");
      const resolved = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((c) => known.has(c));
      if (resolved) targets.add(resolved);
    }
  }
  return [...targets];
}

function layerOf(file, layers) {
  let best = null;
  for (const [index, layer] of layers.entries()) {
    for (const prefix of layer.paths) {
      const matches = file === prefix || file.startsWith(`${prefix}/`);
      if (matches && (best === null || prefix.length > best.prefix.length)) best = { index, prefix };
    }
  }
  return best?.index ?? null;
}

/** Strongly connected components with more than one file (Tarjan), each sorted. */
function cycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** Every problem in the tree at `root`; empty when the layers hold. */
export function checkLayers(root) {
  const layers = readLayers(readFileSync(path.join(root, "docs", "architecture.md"), "utf8"));
  const files = sourceFiles(path.join(root, SOURCE_ROOT)).map((f) =>
    path.relative(root, f).split(path.sep).join("/"),
  );
  const known = new Set(files);
  const problems = [];
  for (const layer of layers) {
    for (const listed of layer.paths) {
      if (![...known].some((f) => f === listed || f.startsWith(`${listed}/`)))
        problems.push(
          `docs/architecture.md lists \`${listed}\` (layer ${layer.name}), which holds no source file`,
        );
    }
  }
  const graph = new Map();
  for (const file of files) {
    const targets = importsOf(file, root, known);
    graph.set(file, targets);
    const from = layerOf(file, layers);
    if (from === null) {
      problems.push(
        `${file} belongs to no layer: add its folder to the Layers table in docs/architecture.md`,
      );
      continue;
    }
    for (const target of targets) {
      const to = layerOf(target, layers);
      if (to !== null && to < from)
        problems.push(
          `${file} (${layers[from].name}) imports ${target} (${layers[to].name}), a higher layer`,
        );
    }
  }
  for (const component of cycles(graph)) problems.push(`import cycle: ${component.join(" ↔ ")}`);
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
  const problems = checkLayers(root);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(
      `layers: ${problems.length} problem(s); the layer order is in docs/architecture.md ("## Layers")`,
    );
    process.exit(1);
  }
  console.log("layers: no import cycles, every import goes down the layer order of docs/architecture.md");
}
