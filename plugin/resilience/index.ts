export { fullJitterDelay, type JitterOptions, jitterCeiling } from "../core/full-jitter.js";
export {
  type BreakerJson,
  type BreakerPersistence,
  type BreakerSnapshot,
  breakerJsonSchema,
  breakerSnapshotSchema,
  breakerStateSchema,
  type CircuitBreakerInit,
  PlexCircuitBreaker,
  parseBreakerJson,
} from "./breaker.js";
export {
  BREAKER_STATES,
  type BreakerOptions,
  type BreakerState,
  type BreakerStateName,
  type BreakerStep,
  type BreakerTransition,
  CLOSED,
  COUNTED_FAILURE_KINDS,
  type CountedFailureKind,
  canAttempt,
  DEFAULT_BREAKER_OPTIONS,
  effectiveState,
  isCountedFailureKind,
  nextProbeAt,
  onFailure,
  onSuccess,
} from "./breaker-state.js";
export { formatDuration, formatElapsedSince, formatTimestamp } from "./duration.js";
export { PROBE_BACKOFF } from "./jitter.js";
export { formatOutageReport, type OutageReportOptions } from "./outage-report.js";
export {
  availability,
  currentOutageDuration,
  endOutage,
  noteJobsAffected,
  OUTAGE_HISTORY_LIMIT,
  type OutageHistory,
  type OutageMetrics,
  type OutageRecord,
  openOutage,
  outageMetrics,
  outageRecordSchema,
  parseOutageHistory,
  startOutage,
} from "./outages.js";
export { createPacer, type Pacer, type PacerInit, type PacerPermit } from "./pacer.js";
export {
  type PacerChange,
  type PacerFigures,
  pacerFigures,
  release,
  windowHealth,
} from "./pacer-feedback.js";
export {
  type IdentitySource,
  type ProbeLoopOptions,
  type ProbeOptions,
  type ProbeResult,
  probeDelay,
  probePlex,
  probeUntilHealthy,
} from "./probe.js";
export {
  type AcquireDecision,
  currentRate,
  DEFAULT_PACER_OPTIONS,
  inFlightLimit,
  initialPacerState,
  type PacerOptions,
  type PacerSample,
  type PacerState,
  rampProgress,
  startRamp,
  tryAcquire,
} from "./rate-limit.js";
