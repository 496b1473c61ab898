export {
  createStashClient,
  IDS_PER_REQUEST,
  type ScenesPage,
  type ScenesPageQuery,
  type SceneWindowField,
  type StashClient,
  type StashClientOptions,
  type StashSceneActivity,
} from "./client.js";
export { type StashEndpoint, type StashServerConnectionLike, stashEndpoint } from "./connection.js";
export {
  isStashError,
  isStashErrorData,
  STASH_ERROR_KINDS,
  StashError,
  type StashErrorData,
  type StashErrorKind,
} from "./errors.js";
export { resolveImageUrl, type StashImage } from "./image.js";
export * from "./operations.js";
export { JOB_STATUSES, type StashJob, type StashVersion, toSceneSnapshot } from "./schemas.js";
