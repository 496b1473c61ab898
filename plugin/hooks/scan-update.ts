/**
 * The scan's own Scene.Update.Post (`input: null`) is the most frequent hook and never records anything: the
 * launcher answers it without loading the plugin core (plugin/launcher.ts). This recognises exactly that
 * document — well-formed, as the core's input schema (protocol/input.ts) would accept it — and nothing else;
 * anything unusual goes to the core, which answers it (errors included). The answer itself is handleHook's
 * (hooks/handle.ts), so its words are the core's. Pure; no zod, to keep the launcher small.
 */
export interface ScanUpdate {
  context: { id: number; type: "Scene.Update.Post"; input: null };
  pluginDir: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const optionalString = (value: unknown) => value === undefined || typeof value === "string";

export function scanUpdateOf(text: string): ScanUpdate | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(doc) || !isRecord(doc.args) || !isRecord(doc.server_connection)) return null;
  const { args } = doc;
  const context = args.hookContext;
  if (args.mode !== undefined || args.op !== undefined || !isRecord(context)) return null;
  const { id, inputFields } = context;
  if (context.type !== "Scene.Update.Post" || context.input !== null) return null;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) return null;
  if (
    !(
      inputFields === undefined ||
      inputFields === null ||
      (Array.isArray(inputFields) && inputFields.length === 0)
    )
  )
    return null;
  const pluginDir = connectionPluginDir(doc.server_connection);
  return pluginDir === null ? null : { context: { id, type: "Scene.Update.Post", input: null }, pluginDir };
}

/** The plugin dir of a server_connection the core would accept (PascalCase or lower-case keys), else null. */
function connectionPluginDir(connection: Record<string, unknown>): string | null {
  const pick = (key: string) => connection[key] ?? connection[key.charAt(0).toLowerCase() + key.slice(1)];
  const port = pick("Port");
  const cookie = pick("SessionCookie");
  const portOk =
    port === undefined || (typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535);
  const cookieOk =
    cookie === undefined ||
    cookie === null ||
    (isRecord(cookie) && optionalString(cookie.Name) && optionalString(cookie.Value));
  if (!portOk || !cookieOk || ![pick("Scheme"), pick("Host"), pick("Dir")].every(optionalString)) return null;
  const dir = pick("PluginDir");
  return typeof dir === "string" && dir.length > 0 ? dir : null;
}

/**
 * Whether the input is a hook's (an object with `args.hookContext`): the launcher then loads the hook bundle,
 * whose answers are the core's for that input (plugin/hook-main.ts). Anything else goes to the core.
 */
export function isHookInput(text: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return false;
  }
  return isRecord(doc) && isRecord(doc.args) && doc.args.hookContext != null;
}
