import { z } from "zod";

/**
 * The JSON document Stash writes to the plugin's stdin (raw interface). Go structs without JSON tags give
 * PascalCase keys; a few third-party runners send lower-case ones, accepted too.
 */
const cookieSchema = z
  .object({ Name: z.string().optional(), Value: z.string().optional() })
  .loose()
  .nullable()
  .optional();

const serverConnectionSchema = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const r = raw as Record<string, unknown>;
    const pick = (key: string) => r[key] ?? r[key.charAt(0).toLowerCase() + key.slice(1)];
    return {
      Scheme: pick("Scheme"),
      Host: pick("Host"),
      Port: pick("Port"),
      SessionCookie: pick("SessionCookie"),
      Dir: pick("Dir"),
      PluginDir: pick("PluginDir"),
    };
  },
  z.object({
    Scheme: z.string().optional(),
    Host: z.string().optional(),
    Port: z.coerce.number().int().min(1).max(65535).optional(),
    SessionCookie: cookieSchema,
    Dir: z.string().optional(),
    PluginDir: z.string({ error: "server_connection.PluginDir is missing" }).min(1),
  }),
);

export const hookContextSchema = z
  .object({
    id: z.coerce.number().int().nonnegative().optional(),
    type: z.string(),
    input: z.unknown().optional(),
    inputFields: z.array(z.string()).nullable().optional(),
  })
  .loose();

const argsSchema = z
  .object({
    mode: z.string().optional(),
    op: z.string().optional(),
    hookContext: hookContextSchema.optional(),
  })
  .loose();

export const pluginInputSchema = z.object({
  server_connection: serverConnectionSchema,
  args: z.preprocess((v) => v ?? {}, argsSchema),
});

export type PluginInput = z.infer<typeof pluginInputSchema>;
export type ServerConnection = PluginInput["server_connection"];
export type HookContext = z.infer<typeof hookContextSchema>;
export type PluginArgs = PluginInput["args"];

export class InputError extends Error {
  readonly kind = "input";
}

/** Parses stdin text; throws InputError with a message naming what was wrong and what to do. */
export function parsePluginInput(text: string): PluginInput {
  if (text.trim() === "") {
    throw new InputError(
      "Stash2Plex received no input on stdin. It must be started by Stash (it expects one JSON document with server_connection and args).",
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      /[\u0000-\u001f\u007f-\u009f]+/g,
      " ",
    );
    throw new InputError(
      `Stash2Plex could not parse its input as JSON (${reason}). It must be started by Stash with one JSON document on stdin.`,
    );
  }
  const result = pluginInputSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `${i.path.join(".") || "input"}: ${i.message}`)
      .slice(0, 5)
      .join("; ");
    throw new InputError(`Stash2Plex input is not a valid Stash plugin input — ${problems}.`);
  }
  return result.data;
}
