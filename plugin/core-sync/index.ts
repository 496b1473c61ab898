/** The pure sync core: path mapping, matching, the library index, sanitising, desired state and edit plans. */
export {
  type DesiredSettings,
  type DesiredState,
  desiredPlexState,
  desiredStateHash,
  fnv1a64,
  type GroupCollection,
  hasRealMetadata,
  normalizeDate,
} from "./desired.js";
export { type ImageDecision, type ImagePlanInput, planImage } from "./images.js";
export {
  type LibraryEntry,
  LibraryIndex,
  type LibraryIndexJson,
  type LibraryLookup,
  type SectionMarker,
} from "./library-index.js";
export {
  type MatchCandidate,
  type MatchedItem,
  type MatchHow,
  type MatchOptions,
  type MatchOutcome,
  matchScene,
} from "./match.js";
export { basenameKey, basenameKeyOfPathKey, basenameOf, pathKey, stripExtension } from "./normalize.js";
export {
  mapStashPathToPlex,
  type ParsedPathMap,
  type PathRule,
  parsePathMap,
  parseUnmatchedPathMap,
  pathRulesOf,
} from "./path-map.js";
export {
  type EditPlan,
  type FieldChange,
  type FieldTableRow,
  type FieldValue,
  fieldTableRows,
  type PlanOptions,
  planEdit,
  plexText,
} from "./plan.js";
export {
  LIST_CAPS,
  sanitizeLine,
  sanitizeList,
  sanitizeMultiline,
  TEXT_LIMITS,
  truncateAtWord,
} from "./sanitize.js";
