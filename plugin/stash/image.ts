/**
 * Downloads a Stash image (a scene's `paths.screenshot`) with the session cookie.
 *
 * The cookie must never leave Stash's origin: a URL on another origin is refused, unless it is a Stash
 * scene-image path (Stash builds these URLs from `external_host` when one is configured, e.g. behind a
 * reverse proxy), which is then fetched from the address we reach Stash at. Redirects are not followed.
 */

import type { Logger } from "../log/logger.js";
import { httpFetch } from "../net/http-fetch.js";
import type { FetchLike, ResponseLike } from "../net/http-response.js";
import { kindForFetchFailure, StashError } from "./errors.js";

export interface ImageDownloadOptions {
  baseUrl: string;
  cookieHeader: string | null;
  logger: Logger;
  timeoutMs: number;
  fetch?: FetchLike;
  onRequest: () => void;
}

export interface StashImage {
  bytes: Uint8Array;
  contentType: string;
}

const SCENE_IMAGE_PATH = /\/(scene\/\d+\/(?:screenshot|preview|webp|sprite|vtt\/\w+))$/;

/** The URL to fetch for an image URL Stash gave us, or null when it must not get the cookie. */
export function resolveImageUrl(raw: string, baseUrl: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw, `${baseUrl}/`);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const base = new URL(baseUrl);
  if (url.origin === base.origin) return url;
  const match = SCENE_IMAGE_PATH.exec(url.pathname);
  if (!match) return null;
  return new URL(`/${match[1]}${url.search}`, base);
}

export async function downloadImage(raw: string, options: ImageDownloadOptions): Promise<StashImage | null> {
  const url = resolveImageUrl(raw, options.baseUrl);
  if (!url) {
    throw new StashError({
      kind: "refused_url",
      operation: "GET image",
      detail: "the image URL is not on the Stash server, so the session cookie is not sent to it",
    });
  }
  const operation = `GET ${url.pathname}`;
  options.onRequest();
  let response: ResponseLike;
  try {
    response = await (options.fetch ?? httpFetch)(url, {
      headers: options.cookieHeader ? { Cookie: options.cookieHeader } : {},
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const kind = kindForFetchFailure(error);
    if (kind === null) throw error;
    throw new StashError({ kind, operation, detail: "image download failed", cause: error });
  }
  return readImage(response, operation, options.logger);
}

async function readImage(
  response: ResponseLike,
  operation: string,
  logger: Logger,
): Promise<StashImage | null> {
  const status = response.status;
  if (status === 404) {
    await response.body?.cancel();
    logger.debug(`${operation}: no image (404)`);
    return null;
  }
  if (status === 401 || status === 403) {
    await response.body?.cancel();
    throw new StashError({ kind: "auth", operation, status, detail: "Stash rejected the session cookie" });
  }
  if (status < 200 || status >= 300) {
    await response.body?.cancel();
    throw new StashError({ kind: "http", operation, status, detail: `Stash answered HTTP ${status}` });
  }
  try {
    const bytes = new Uint8Array(await response.arrayBuffer());
    const contentType = response.headers.get("content-type") ?? "application/octet-stream";
    return { bytes, contentType };
  } catch (error) {
    const kind = kindForFetchFailure(error) ?? "unreachable";
    throw new StashError({ kind, operation, detail: "image download was cut off", cause: error });
  }
}
