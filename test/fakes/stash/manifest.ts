/**
 * Reads a plugin manifest the way Stash does (pkg/plugin/config.go): strict keys (an unknown key stops
 * the plugin loading), plugin id = yml file name, and the exec command built from `exec` + `execArgs`
 * with `{pluginDir}` substituted in every argument but the first.
 */
import { accessSync, constants, readdirSync, readFileSync } from "node:fs";
import { basename, delimiter, isAbsolute, join, resolve } from "node:path";
import { parse } from "yaml";
import { z } from "zod";

const stringArgs = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .transform((m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)])));

const operationSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    execArgs: z.array(z.string()).optional(),
    defaultArgs: stringArgs.optional(),
  })
  .strict();

const hookSchema = operationSchema.extend({ triggeredBy: z.array(z.string()).optional() }).strict();

const settingSchema = z
  .object({
    displayName: z.string().optional(),
    description: z.string().optional(),
    type: z.enum(["STRING", "NUMBER", "BOOLEAN"]).optional(),
  })
  .strict();

const uiSchema = z
  .object({
    requires: z.array(z.string()).optional(),
    javascript: z.array(z.string()).optional(),
    css: z.array(z.string()).optional(),
    csp: z
      .object({
        "script-src": z.array(z.string()).optional(),
        "style-src": z.array(z.string()).optional(),
        "connect-src": z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    assets: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export const manifestSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    url: z.string().optional(),
    version: z.union([z.string(), z.number()]).transform(String).optional(),
    interface: z.enum(["raw", "rpc", "js"]).optional(),
    exec: z.array(z.string()).optional(),
    errLog: z.string().optional(),
    tasks: z.array(operationSchema).optional(),
    hooks: z.array(hookSchema).optional(),
    ui: uiSchema.optional(),
    settings: z.record(z.string(), settingSchema.nullable()).optional(),
  })
  .strict();

export type PluginManifest = z.infer<typeof manifestSchema>;
export type ManifestTask = z.infer<typeof operationSchema>;
export type ManifestHook = z.infer<typeof hookSchema>;

export interface LoadedPlugin {
  id: string;
  dir: string;
  manifest: PluginManifest;
}

/** Loads the one `*.yml` in `pluginDir` (or `ymlName`); throws with the problems, like Stash's log line. */
export function loadPlugin(pluginDir: string, ymlName?: string): LoadedPlugin {
  const dir = resolve(pluginDir);
  const file = ymlName ?? readdirSync(dir).find((f) => f.endsWith(".yml"));
  if (!file) throw new Error(`no plugin .yml in ${dir}`);
  const result = manifestSchema.safeParse(parse(readFileSync(join(dir, file), "utf8")));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Error loading plugin ${file}: ${problems}`);
  }
  if ((result.data.interface ?? "raw") !== "raw")
    throw new Error("the fake runner supports interface: raw only");
  return { id: basename(file, ".yml"), dir, manifest: result.data };
}

function onPath(program: string, env: NodeJS.ProcessEnv): boolean {
  if (program.includes("/") || program.includes("\\")) return false;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** The argv Stash would run; `node` is this test process's own Node binary. */
export function execCommand(
  plugin: LoadedPlugin,
  execArgs: readonly string[],
  env: NodeJS.ProcessEnv,
): string[] {
  const command = [...(plugin.manifest.exec ?? []), ...execArgs];
  const program = command[0];
  if (program === undefined) throw new Error("empty exec value");
  // STASH2PLEX_NODE_BINARY: run the plugin under another Node (scripts/node-versions.sh).
  if (program === "node") command[0] = env.STASH2PLEX_NODE_BINARY || process.execPath;
  else if (!isAbsolute(program) && !onPath(program, env)) command[0] = join(plugin.dir, program);
  return command.map((arg, i) => (i === 0 ? arg : arg.replaceAll("{pluginDir}", plugin.dir)));
}
