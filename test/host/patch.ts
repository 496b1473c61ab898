import type { Component, default as ReactNs } from "react";

type Fn = (...args: unknown[]) => unknown;
type Props = Record<string, unknown>;

/**
 * Stash's patch semantics (ui/v2.5/src/patch.tsx): `before` functions get the call's arguments and return the
 * new argument array; `instead` functions get the arguments plus `next` as the last one (and chain in order);
 * `after` functions get the arguments plus the result and return the final element.
 */
export function createPatchRegistry(_react: typeof ReactNs) {
  const befores = new Map<string, Fn[]>();
  const insteads = new Map<string, Fn[]>();
  const afters = new Map<string, Fn[]>();
  const components: Record<string, Fn> = {};
  const add = (map: Map<string, Fn[]>) => (name: string, fn: Fn) => {
    map.set(name, [...(map.get(name) ?? []), fn]);
  };

  function component(name: string, base: Component<Props>): Component<Props> {
    const patched = (...callArgs: unknown[]) => {
      let args = callArgs;
      for (const fn of befores.get(name) ?? []) args = fn(...args) as unknown[];
      const chain = [...(insteads.get(name) ?? [])];
      const run = (i: number, current: unknown[]): unknown => {
        const fn = chain[i];
        if (!fn) return (base as Fn)(...current);
        return fn(...current, (...nextArgs: unknown[]) => run(i + 1, nextArgs));
      };
      let result = run(0, args);
      for (const fn of afters.get(name) ?? []) result = fn(...args, result);
      return result;
    };
    components[name] = patched;
    return patched as Component<Props>;
  }

  return {
    component,
    components,
    api: { before: add(befores), instead: add(insteads), after: add(afters) },
  };
}
