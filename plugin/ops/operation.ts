import type { PluginInput } from "../protocol/input.js";
import { maybeScheduleReconcile } from "../reconcile/schedule.js";
import type { Handler, InvocationDeps } from "../runtime/dispatch.js";
import { UsageError } from "../runtime/errors.js";
import { connectStash, openRuntime, type Runtime } from "../runtime/runtime.js";
import type { StashClient } from "../stash/index.js";
import { OPERATIONS } from "./contract-args.js";
import type { OperationName, OperationResult } from "./contracts.js";

export type OperationArgsOf<N extends OperationName> = ReturnType<(typeof OPERATIONS)[N]["args"]["parse"]>;

/**
 * Wraps an operation body: validates `args` against the shared contract (wrong types are refused with the
 * reason; keys the contract does not know are dropped, never passed on), builds the runtime, and checks the answer against the same contract the UI uses.
 */
export function operation<N extends OperationName>(
  name: N,
  body: (rt: Runtime, args: OperationArgsOf<N>) => Promise<OperationResult<N>>,
): Handler {
  return prefetchingOperation(name, () => undefined, body);
}

/**
 * An operation whose Stash reads do not depend on the plugin settings: `prefetch` sends them at the same time
 * as the settings request (one round trip instead of two on the UI's hot path); the body gets the promise.
 */
export function prefetchingOperation<N extends OperationName, P extends Promise<unknown> | undefined>(
  name: N,
  prefetch: (stash: StashClient, args: OperationArgsOf<N>) => P,
  body: (rt: Runtime, args: OperationArgsOf<N>, prefetched: P) => Promise<OperationResult<N>>,
): Handler {
  return async (input: PluginInput, deps: InvocationDeps) => {
    const { op: _op, ...rest } = input.args as Record<string, unknown>;
    const contract = OPERATIONS[name];
    const parsed = contract.args.safeParse(rest);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((i) => `${i.path.join(".") || "args"}: ${i.message}`)
        .join("; ");
      throw new UsageError(`Operation ${name} got invalid arguments — ${problems}`);
    }
    const args = parsed.data as OperationArgsOf<N>;
    const connection = connectStash(input, deps);
    const prefetched = prefetch(connection.stash, args);
    // Awaited by the body; this only keeps a rejection from counting as unhandled if the settings fail first.
    prefetched?.catch(() => undefined);
    const rt = await openRuntime(input, deps, connection);
    // The UI polls, so operations are where a due scheduled reconcile is noticed (cheap; never throws).
    await maybeScheduleReconcile(rt);
    const result = await body(rt, args, prefetched);
    return contract.result.parse(result);
  };
}
