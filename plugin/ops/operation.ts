import type { Handler, InvocationDeps } from "../app/dispatch.js";
import { UsageError } from "../app/errors.js";
import { openRuntime, type Runtime } from "../app/runtime.js";
import type { PluginInput } from "../protocol/input.js";
import { maybeScheduleReconcile } from "../reconcile/schedule.js";
import { OPERATIONS, type OperationName, type OperationResult } from "./contracts.js";

export type OperationArgsOf<N extends OperationName> = ReturnType<(typeof OPERATIONS)[N]["args"]["parse"]>;

/**
 * Wraps an operation body: validates `args` against the shared contract (wrong types are refused with the
 * reason; keys the contract does not know are dropped, never passed on), builds the runtime, and checks the answer against the same contract the UI uses.
 */
export function operation<N extends OperationName>(
  name: N,
  body: (rt: Runtime, args: OperationArgsOf<N>) => Promise<OperationResult<N>>,
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
    const rt = await openRuntime(input, deps);
    // The UI polls, so operations are where a due scheduled reconcile is noticed (cheap; never throws).
    await maybeScheduleReconcile(rt);
    const result = await body(rt, parsed.data as OperationArgsOf<N>);
    return contract.result.parse(result);
  };
}
