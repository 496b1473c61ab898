export type { Fault, FaultMatcher, FaultType } from "./faults.js";
export { FaultRegistry } from "./faults.js";
export { addPlay, type PlaySpec } from "./history.js";
export type { FakeItem, FakeSection, ItemSpec, PendingFileSpec, SectionSpec } from "./model.js";
export { type FakePlex, type FakePlexOptions, startFakePlex } from "./server.js";
export { FakePlexState } from "./state.js";
export { decodeQuery, type FakeRequest } from "./wire.js";
