import { en } from "zod/locales";
import * as z from "zod/mini";

// zod/mini keeps the hook bundle (plugin/hook-main.ts) free of zod's full build; mini alone has no messages, so
// English is set here as the full build would (it keeps a locale set first).
z.config(en());

/**
 * The JSON document Stash writes to the plugin's stdin (raw interface). Go structs without JSON tags give
 * PascalCase keys; a few third-party runners send lower-case ones, accepted too.
 */
const cookieSchema = z.optional(
  z.nullable(z.looseObject({ Name: z.optional(z.string()), Value: z.optional(z.string()) })),
);

const serverConnectionSchema = z.pipe(
  z.transform((raw: unknown) => {
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
  }),
  z.object({
    Scheme: z.optional(z.string()),
    Host: z.optional(z.string()),
    Port: z.optional(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(65535)))),
    SessionCookie: cookieSchema,
    Dir: z.optional(z.string()),
    PluginDir: z.string({ error: "server_connection.PluginDir is missing" }).check(z.minLength(1)),
  }),
);

export const hookContextSchema = z.looseObject({
  id: z.optional(z.pipe(z.coerce.number(), z.int().check(z.nonnegative()))),
  type: z.string(),
  input: z.optional(z.unknown()),
  inputFields: z.optional(z.nullable(z.array(z.string()))),
});

const argsSchema = z.looseObject({
  mode: z.optional(z.string()),
  op: z.optional(z.string()),
  hookContext: z.optional(hookContextSchema),
});

export const pluginInputSchema = z.object({
  server_connection: serverConnectionSchema,
  args: z.pipe(
    z.transform((v: unknown) => v ?? {}),
    argsSchema,
  ),
});

export type PluginInput = z.output<typeof pluginInputSchema>;
export type ServerConnection = PluginInput["server_connection"];
export type HookContext = z.output<typeof hookContextSchema>;
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
