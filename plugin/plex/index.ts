export {
  type CallOptions,
  createPlexClient,
  type EditParams,
  type HistoryQuery,
  historyQueryParams,
  type PlexClient,
  type PlexClientOptions,
} from "./client.js";
export { type DeviceIdDeps, loadOrCreateDeviceId } from "./device-id.js";
export { PLEX_ENDPOINTS, type PlexEndpoint } from "./endpoints.js";
export {
  isPlexError,
  isPlexErrorData,
  kindForNetworkError,
  kindForStatus,
  PLEX_ERROR_KINDS,
  PlexError,
  type PlexErrorData,
  type PlexErrorKind,
} from "./errors.js";
export type { PlexRequestEvent, QueryParams } from "./http.js";
export {
  type PlexHistoryPage,
  type PlexHistoryRow,
  type PlexListItem,
  type PlexSection,
  type PlexSectionPage,
  toPlexItem,
  toPlexListItem,
  toPlexSection,
} from "./mappers.js";
export type { PlexActivity, PlexCollection, PlexIdentity, PlexImage } from "./schemas.js";
