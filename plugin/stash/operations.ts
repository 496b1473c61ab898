/**
 * Every GraphQL document the plugin sends to Stash. Each one is validated against Stash's real schema
 * (https://github.com/stashapp/stash, graphql/schema) and the fake's subset by
 * test/unit/stash/schema-subset.test.ts.
 *
 * Stash facts these documents rely on (stashapp/stash cf3489e):
 *  - `findScenes(ids:)` ignores `filter` (no paging) and fails the whole query with
 *    "scene with id N not found" when one id is missing; an empty `ids` list means "no id filter".
 *  - `filter.per_page` defaults to 25 and `-1` means everything; we always page explicitly.
 *  - Timestamp criteria compare the stored RFC3339 text as strings, so cursors must be values Stash returned.
 */

/** The scene fields SceneSnapshot is built from. */
export const SCENE_SNAPSHOT_FRAGMENT = `
fragment Stash2PlexScene on Scene {
  id
  title
  code
  details
  director
  date
  urls
  rating100
  organized
  created_at
  updated_at
  files { path basename size }
  studio { name parent_studio { name } }
  performers { name }
  tags { name }
  paths { screenshot }
  groups { group { name synopsis front_image_path } }
}`;

/** Variables: `{ ids: [pluginId] }` → `configuration.plugins` is a map keyed by plugin id. */
export const PLUGIN_SETTINGS_QUERY = `
query Stash2PlexPluginSettings($ids: [ID!]) {
  configuration { plugins(include: $ids) }
}`;

/** Variables: `{ ids: string[] }` (non-empty, every id must exist; see the header). */
export const SCENES_BY_IDS_QUERY = `
query Stash2PlexScenesByIds($ids: [ID!]) {
  findScenes(ids: $ids) { count scenes { ...Stash2PlexScene } }
}
${SCENE_SNAPSHOT_FRAGMENT}`;

/**
 * The same scenes one aliased `findScene` each (`s0`, `s1`, … with variables `i0`, `i1`, …): a deleted scene
 * answers null instead of failing the whole query. Used after SCENES_BY_IDS_QUERY named a missing id.
 */
export function scenesByAliasQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$i${i}: ID!`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `  s${i}: findScene(id: $i${i}) { ...Stash2PlexScene }`,
  );
  return `
query Stash2PlexScenesByAlias(${variables}) {
${fields.join("\n")}
}
${SCENE_SNAPSHOT_FRAGMENT}`;
}

/** Variables: `{ scene_filter?: SceneFilterType, filter: FindFilterType }` (sort, direction, page, per_page). */
export const SCENES_PAGE_QUERY = `
query Stash2PlexScenesPage($scene_filter: SceneFilterType, $filter: FindFilterType) {
  findScenes(scene_filter: $scene_filter, filter: $filter) { count scenes { ...Stash2PlexScene } }
}
${SCENE_SNAPSHOT_FRAGMENT}`;

/** Count only: same variables as SCENES_PAGE_QUERY; send `per_page: 1` so Stash loads at most one row. */
export const SCENES_COUNT_QUERY = `
query Stash2PlexScenesCount($scene_filter: SceneFilterType, $filter: FindFilterType) {
  findScenes(scene_filter: $scene_filter, filter: $filter) { count }
}`;

export const VERSION_QUERY = `
query Stash2PlexVersion {
  version { version hash build_time }
}`;

const JOB_FIELDS = "id status subTasks description progress startTime endTime addTime error";

export const JOB_QUEUE_QUERY = `
query Stash2PlexJobQueue {
  jobQueue { ${JOB_FIELDS} }
}`;

/** Variables: `{ id: string }`. Stash keeps the last 10 finished jobs; older ones return null. */
export const FIND_JOB_QUERY = `
query Stash2PlexFindJob($id: ID!) {
  findJob(input: { id: $id }) { ${JOB_FIELDS} }
}`;

/** A scene's play history, resume point and rating: what the import compares with Plex. */
export const SCENE_ACTIVITY_FRAGMENT = `
fragment Stash2PlexSceneActivity on Scene {
  id
  rating100
  resume_time
  play_count
  play_history
  last_played_at
}`;

/** One scene for the Plex tab: what the sync needs and its play history, in one request. Variables `{ id }`. */
export const SCENE_WITH_ACTIVITY_QUERY = `
query Stash2PlexSceneWithActivity($id: ID!) {
  findScene(id: $id) { ...Stash2PlexScene ...Stash2PlexSceneActivity }
}
${SCENE_SNAPSHOT_FRAGMENT}
${SCENE_ACTIVITY_FRAGMENT}`;

/** Variables: `{ ids: string[] }`; same rules as SCENES_BY_IDS_QUERY. */
export const SCENES_ACTIVITY_QUERY = `
query Stash2PlexScenesActivity($ids: [ID!]) {
  findScenes(ids: $ids) { count scenes { ...Stash2PlexSceneActivity } }
}
${SCENE_ACTIVITY_FRAGMENT}`;

/** The same, one aliased `findScene` per id (a deleted scene answers null). */
export function scenesActivityByAliasQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$i${i}: ID!`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `  s${i}: findScene(id: $i${i}) { ...Stash2PlexSceneActivity }`,
  );
  return `
query Stash2PlexScenesActivityByAlias(${variables}) {
${fields.join("\n")}
}
${SCENE_ACTIVITY_FRAGMENT}`;
}

/**
 * Plays of several scenes in one request: `a<i>: sceneAddPlay(id: $i<i>, times: $t<i>)`. Stash runs the
 * fields of a mutation one after another, each in its own transaction, and fires no plugin hook for them.
 */
export function addPlaysMutation(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$i${i}: ID!, $t${i}: [Timestamp!]`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `  a${i}: sceneAddPlay(id: $i${i}, times: $t${i}) { count }`,
  );
  return `
mutation Stash2PlexAddPlays(${variables}) {
${fields.join("\n")}
}`;
}

/** Resume points of several scenes: `r<i>: sceneSaveActivity(id, resume_time)` (no hook fires). */
export function saveResumeMutation(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$i${i}: ID!, $r${i}: Float`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `  r${i}: sceneSaveActivity(id: $i${i}, resume_time: $r${i})`,
  );
  return `
mutation Stash2PlexSaveResume(${variables}) {
${fields.join("\n")}
}`;
}

/** One scene's rating. `sceneUpdate` fires Scene.Update.Post: the hook knows this echo (import/echo-marks.ts). */
export const SET_RATING_MUTATION = `
mutation Stash2PlexSetRating($id: ID!, $rating100: Int) {
  sceneUpdate(input: { id: $id, rating100: $rating100 }) { id rating100 }
}`;

/** Every document, by name: for the schema validation test. */
export const ALL_OPERATIONS: Readonly<Record<string, string>> = {
  PLUGIN_SETTINGS_QUERY,
  SCENES_BY_IDS_QUERY,
  SCENES_BY_ALIAS_QUERY: scenesByAliasQuery(3),
  SCENES_PAGE_QUERY,
  SCENES_COUNT_QUERY,
  VERSION_QUERY,
  JOB_QUEUE_QUERY,
  FIND_JOB_QUERY,
  SCENES_ACTIVITY_QUERY,
  SCENE_WITH_ACTIVITY_QUERY,
  SCENES_ACTIVITY_BY_ALIAS_QUERY: scenesActivityByAliasQuery(2),
  ADD_PLAYS_MUTATION: addPlaysMutation(2),
  SAVE_RESUME_MUTATION: saveResumeMutation(2),
  SET_RATING_MUTATION,
};
