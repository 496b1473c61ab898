/**
 * Failure kinds of a UI call:
 * - `runtime_missing`: Stash could not start `node` (show the install notice, not a broken panel);
 * - `plugin`: the plugin answered `{"error": …}` (or Stash refused the call), shown as is;
 * - `contract`: the answer did not fit the shared schema (UI and plugin versions differ);
 * - `network`: Stash itself was unreachable.
 */
export type OperationErrorKind = "runtime_missing" | "plugin" | "contract" | "network";

/** Carries a marker field instead of relying on `instanceof`, which breaks across bundles (STYLE 15). */
export class OperationError extends Error {
  readonly isOperationError = true;
  constructor(
    readonly operation: string,
    readonly kind: OperationErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "OperationError";
  }
}

export function isOperationError(value: unknown): value is OperationError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { isOperationError?: unknown }).isOperationError === true
  );
}

export function isRuntimeMissing(value: unknown): boolean {
  return isOperationError(value) && value.kind === "runtime_missing";
}

export function errorText(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}
