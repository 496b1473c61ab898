import * as z from "zod/mini";
import type { OperationArgs } from "../../plugin/ops/contract-args";
import {
  OPERATION_RESULTS,
  type OperationName,
  type OperationResult,
  PLUGIN_ID,
  runtimeMissing,
} from "../../plugin/ops/contracts";
import { OperationError } from "./errors";
import { GraphqlResponseError, postGraphql } from "./graphql";

/** Stash's own job record, as `findJob` returns it (the subset we read). */
export interface StashJob {
  id: string;
  status: "READY" | "RUNNING" | "FINISHED" | "STOPPING" | "CANCELLED" | "FAILED";
  progress: number | null;
  description: string;
  error: string | null;
}

export type PluginSettingsMap = Record<string, unknown>;

/** A setting's label and help as the manifest says them and Stash serves them (Stash's `display_name`, `description`). */
export interface SettingWords {
  label?: string;
  help?: string;
}

/** What the settings panel loads at once: the saved values and, by setting key, the manifest's words. */
export interface SettingsPage {
  values: PluginSettingsMap;
  words: Record<string, SettingWords>;
}

/** Everything the UI asks of Stash. Components receive it through context, so tests can point it anywhere. */
export interface StashApi {
  runOperation<N extends OperationName>(op: N, args: OperationArgs<N>): Promise<OperationResult<N>>;
  /** Starts a manifest task as a Stash job; returns the job id. */
  runPluginTask(taskName: string, argsMap?: Record<string, string>): Promise<string>;
  findJob(id: string): Promise<StashJob | null>;
  readPluginSettings(): Promise<PluginSettingsMap>;
  /** The saved values together with the settings' words from the manifest, in one request. */
  readSettingsPage(): Promise<SettingsPage>;
  /** Sends the whole map (configurePlugin replaces it). */
  writePluginSettings(map: PluginSettingsMap): Promise<void>;
  /** e.g. "v0.28.1"; null when Stash does not say. */
  stashVersion(): Promise<string | null>;
  /** Stash's interface language setting (e.g. "de-DE"); null when unset. */
  interfaceLanguage(): Promise<string | null>;
}

const RUN_OPERATION = `mutation Stash2PlexOp($id: ID!, $args: Map) { runPluginOperation(plugin_id: $id, args: $args) }`;
const RUN_TASK = `mutation Stash2PlexTask($id: ID!, $name: String, $args: Map) {
  runPluginTask(plugin_id: $id, task_name: $name, args_map: $args) }`;
const FIND_JOB = `query Stash2PlexJob($id: ID!) { findJob(input: { id: $id }) { id status progress description error } }`;
const SAVED = "configuration { plugins(include: $ids) }";
const READ_SETTINGS = `query Stash2PlexSettings($ids: [ID!]) { ${SAVED} }`;
const READ_SETTINGS_PAGE = `query Stash2PlexSettingsPage($ids: [ID!]) { ${SAVED}
  plugins { id settings { name display_name description } } }`;
const WRITE_SETTINGS = `mutation Stash2PlexSave($id: ID!, $input: Map!) { configurePlugin(plugin_id: $id, input: $input) }`;
const VERSION = `query Stash2PlexVersion { version { version } }`;
const LANGUAGE = `query Stash2PlexLanguage { configuration { interface { language } } }`;

/** Every document the UI sends (checked against Stash's schema by test/unit/stash/schema-subset.test.ts). */
export const UI_DOCUMENTS = {
  RUN_OPERATION,
  RUN_TASK,
  FIND_JOB,
  READ_SETTINGS,
  READ_SETTINGS_PAGE,
  WRITE_SETTINGS,
  VERSION,
  LANGUAGE,
};

/** The plugin list's part the settings panel reads: each setting's manifest words. */
const pluginWordsSchema = z.array(
  z.object({
    id: z.string(),
    settings: z.nullish(
      z.array(
        z.object({
          name: z.string(),
          display_name: z.nullish(z.string()),
          description: z.nullish(z.string()),
        }),
      ),
    ),
  }),
);

/** `<base href>` as Stash (and its reverse-proxy prefix rewriting) sets it, always ending with "/". */
export function baseHref(doc: Document): string {
  const href = doc.querySelector("base")?.getAttribute("href") ?? "/";
  return href.endsWith("/") ? href : `${href}/`;
}

export interface StashApiOptions {
  /** Absolute or root-relative base, e.g. "/" or "/stash/". */
  baseUrl: string;
  fetch?: typeof fetch;
}

export function createStashApi(options: StashApiOptions): StashApi {
  const origin = typeof location === "undefined" ? "http://localhost" : location.href;
  const url = new URL(`${options.baseUrl.replace(/\/?$/, "/")}graphql`, origin).toString();
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const call = async <T>(what: string, document: string, variables: Record<string, unknown>): Promise<T> => {
    try {
      return await postGraphql<T>(url, fetchFn, document, variables);
    } catch (error) {
      throw toOperationError(what, error);
    }
  };

  return {
    async runOperation(op, args) {
      const data = await call<{ runPluginOperation: unknown }>(op, RUN_OPERATION, {
        id: PLUGIN_ID,
        args: { ...args, op },
      });
      const parsed = OPERATION_RESULTS[op].safeParse(data.runPluginOperation);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "result"}: ${i.message}`);
        throw new OperationError(
          op,
          "contract",
          `Unexpected answer from the plugin (${problems.join("; ")}). The UI and the plugin script may be from different versions: reload the page.`,
        );
      }
      return parsed.data as OperationResult<typeof op>;
    },
    async runPluginTask(taskName, argsMap) {
      const data = await call<{ runPluginTask: string }>(`task "${taskName}"`, RUN_TASK, {
        id: PLUGIN_ID,
        name: taskName,
        args: argsMap ?? null,
      });
      return String(data.runPluginTask);
    },
    async findJob(id) {
      const data = await call<{ findJob: StashJob | null }>("findJob", FIND_JOB, { id });
      return data.findJob ?? null;
    },
    async readPluginSettings() {
      const data = await call<SavedSettings>("settings", READ_SETTINGS, { ids: [PLUGIN_ID] });
      return savedValues(data);
    },
    async readSettingsPage() {
      const data = await call<SavedSettings & { plugins: unknown }>("settings", READ_SETTINGS_PAGE, {
        ids: [PLUGIN_ID],
      });
      return { values: savedValues(data), words: settingWords(data.plugins) };
    },
    async writePluginSettings(map) {
      await call("save settings", WRITE_SETTINGS, { id: PLUGIN_ID, input: map });
    },
    async stashVersion() {
      const data = await call<{ version: { version: string | null } }>("version", VERSION, {});
      return data.version.version ?? null;
    },
    async interfaceLanguage() {
      const data = await call<{ configuration: { interface?: { language?: string | null } | null } }>(
        "language",
        LANGUAGE,
        {},
      );
      return data.configuration.interface?.language ?? null;
    },
  };
}

interface SavedSettings {
  configuration: { plugins: Record<string, PluginSettingsMap> | null };
}

function savedValues(data: SavedSettings): PluginSettingsMap {
  return { ...(data.configuration.plugins?.[PLUGIN_ID] ?? {}) };
}

/** Stash2Plex's settings' words by key; none (the panel then shows the keys) when Stash's answer lacks them. */
function settingWords(plugins: unknown): Record<string, SettingWords> {
  const parsed = pluginWordsSchema.safeParse(plugins);
  const settings = parsed.success ? parsed.data.find((p) => p.id === PLUGIN_ID)?.settings : null;
  return Object.fromEntries(
    (settings ?? []).map((s) => [
      s.name,
      { label: s.display_name ?? undefined, help: s.description ?? undefined },
    ]),
  );
}

function toOperationError(what: string, error: unknown): OperationError {
  if (error instanceof GraphqlResponseError) {
    return new OperationError(
      what,
      runtimeMissing(error.message) ? "runtime_missing" : "plugin",
      error.message,
    );
  }
  const text = error instanceof Error ? error.message : String(error);
  return new OperationError(what, "network", `Could not reach Stash: ${text}`);
}
