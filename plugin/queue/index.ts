export * from "./coerce-error.js";
export * from "./failure-table.js";
export * from "./job.js";
export * from "./transitions.js";
