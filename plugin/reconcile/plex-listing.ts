/**
 * One paged sweep of each configured Plex section, keeping what reconciliation needs: the part paths (for the
 * library index the sync pipeline also uses) and which metadata fields each item has (summary, studio, date,
 * genres, actors — present or not; listing tag lists are truncated, which is enough to tell "none" from "some").
 *
 * The typed client's listing mapper drops those fields, so this module reads the same endpoint
 * (`GET /library/sections/{id}/all?type=1`, X-Plex-Container paging) through the Plex transport and parses it
 * with its own schema. The index it builds is saved where library/library-cache.ts keeps it, with the same
 * section markers, so the drain that follows a reconcile does not sweep Plex a second time.
 */

import { z } from "zod";
import type { Runtime } from "../app/runtime.js";
import { hasPlexConnection } from "../config/settings.js";
import { type LibraryEntry, LibraryIndex } from "../core-sync/index.js";
import { libraryIndexPath } from "../library/index-file.js";
import { selectSections } from "../library/library-cache.js";
import { bodySnippet } from "../plex/endpoints.js";
import { PlexError } from "../plex/errors.js";
import type { PlexResponse } from "../plex/http.js";
import { createPlexTransport, type PlexTransport } from "../plex/http.js";
import { loadOrCreateDeviceId, type PlexSection } from "../plex/index.js";
import { writeFileAtomic } from "../store/index.js";
import { PLEX_HAS } from "./gaps.js";

const PAGE_SIZE = 1000;

const tags = z
  .array(z.object({ tag: z.string() }))
  .nullish()
  .transform((v) => v?.length ?? 0);

const listingItemSchema = z.object({
  ratingKey: z.union([z.string(), z.number().transform(String)]),
  title: z.union([z.string(), z.number().transform(String)]).optional(),
  summary: z.string().optional(),
  studio: z.string().optional(),
  originallyAvailableAt: z.string().optional(),
  Genre: tags,
  Role: tags,
  Media: z
    .array(
      z.object({
        Part: z
          .array(z.object({ file: z.string(), size: z.union([z.number(), z.string()]).optional() }))
          .nullish(),
      }),
    )
    .nullish(),
});

const listingPageSchema = z.object({
  MediaContainer: z.object({
    offset: z.number().optional(),
    totalSize: z.number().optional(),
    Metadata: z.array(listingItemSchema).nullish(),
  }),
});

export interface PlexLibrarySnapshot {
  index: LibraryIndex;
  /** ratingKey → PLEX_HAS flags. */
  plexHas: Map<string, number>;
  /** PLEX_HAS flags carried by at least one listed item (see GapContext.listingCarries). */
  listingCarries: number;
  sections: PlexSection[];
  items: number;
  /** Listing requests this sweep sent (the typed client counts the sections request). */
  requests: number;
}

export interface ListingDeps {
  onPage?: (itemsSoFar: number, totalGuess: number) => void;
}

function parsePage(response: PlexResponse, path: string, token: string) {
  const fail = (detail: string) =>
    new PlexError({ kind: "bad_response", status: response.status, method: "GET", path, detail });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(response.body));
  } catch {
    throw fail(
      `expected a JSON listing, received ${response.contentType || "no content-type"}: "${bodySnippet(response.body, token)}"`,
    );
  }
  const parsed = listingPageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(`listing does not have the expected shape (${issue?.path.join(".")}: ${issue?.message})`);
  }
  return parsed.data;
}

function flagsOf(item: z.output<typeof listingItemSchema>): number {
  let flags = 0;
  if (item.summary?.trim()) flags |= PLEX_HAS.summary;
  if (item.studio?.trim()) flags |= PLEX_HAS.studio;
  if (item.originallyAvailableAt?.trim()) flags |= PLEX_HAS.date;
  if (item.Genre > 0) flags |= PLEX_HAS.genre;
  if (item.Role > 0) flags |= PLEX_HAS.actor;
  return flags;
}

/** The section marker library-cache.ts records (kept identical so its next refresh sees nothing moved). */
function markerOf(section: PlexSection): string {
  return String(section.contentChangedAt ?? section.updatedAt ?? section.scannedAt ?? "");
}

async function listingTransport(rt: Runtime): Promise<{ transport: PlexTransport; token: string }> {
  const settings = rt.settings;
  if (!hasPlexConnection(settings)) await rt.plex(); // throws the runtime's clear configuration error
  if (!hasPlexConnection(settings)) throw new Error("Plex is not configured");
  const transport = createPlexTransport({
    baseUrl: settings.plex_url,
    token: settings.plex_token,
    clientIdentifier: await loadOrCreateDeviceId(rt.dataDir, { logger: rt.logger.child("Device") }),
    connectTimeoutMs: settings.connect_timeout * 1000,
    readTimeoutMs: settings.read_timeout * 1000,
    logger: rt.logger.child("PlexClient"),
  });
  return { transport, token: settings.plex_token };
}

async function sweepSection(
  transport: PlexTransport,
  token: string,
  section: PlexSection,
  sink: { entries: LibraryEntry[]; plexHas: Map<string, number> },
  onItems: (n: number, total: number) => void,
): Promise<void> {
  let start = 0;
  for (;;) {
    const path = `/library/sections/${encodeURIComponent(section.key)}/all`;
    const response = await transport.send({
      method: "GET",
      path,
      query: [["type", "1"]],
      headers: { "X-Plex-Container-Start": String(start), "X-Plex-Container-Size": String(PAGE_SIZE) },
    });
    const page = parsePage(response, path, token);
    const items = page.MediaContainer.Metadata ?? [];
    for (const item of items) {
      sink.plexHas.set(item.ratingKey, flagsOf(item));
      for (const media of item.Media ?? []) {
        for (const part of media.Part ?? []) {
          const size = part.size === undefined ? null : Number(part.size);
          sink.entries.push({
            ratingKey: item.ratingKey,
            sectionId: section.key,
            file: part.file,
            size: Number.isFinite(size) ? size : null,
            title: item.title ?? "",
          });
        }
      }
    }
    start = (page.MediaContainer.offset ?? start) + items.length;
    const total = page.MediaContainer.totalSize ?? null;
    onItems(items.length, total ?? start);
    if (items.length === 0 || (total !== null ? start >= total : items.length < PAGE_SIZE)) return;
  }
}

/** Sweeps every configured section once; saves the resulting index for the sync pipeline. */
export async function sweepPlexLibrary(rt: Runtime, deps: ListingDeps = {}): Promise<PlexLibrarySnapshot> {
  const plex = await rt.plex();
  const known = await plex.sections();
  const wanted = selectSections(known, rt.settings.plex_library);
  const { transport, token } = await listingTransport(rt);
  let index = LibraryIndex.empty();
  const plexHas = new Map<string, number>();
  let seen = 0;
  for (const section of wanted) {
    const sink = { entries: [] as LibraryEntry[], plexHas };
    await sweepSection(transport, token, section, sink, (n, total) => {
      seen += n;
      deps.onPage?.(seen, Math.max(seen, total));
    });
    index = index.withSection(section.key, markerOf(section), sink.entries);
  }
  await writeFileAtomic(libraryIndexPath(rt.dataDir), JSON.stringify(index.toJSON()));
  let listingCarries = 0;
  for (const flags of plexHas.values()) listingCarries |= flags;
  return {
    index,
    plexHas,
    listingCarries,
    sections: wanted,
    items: plexHas.size,
    requests: transport.requestCount(),
  };
}
