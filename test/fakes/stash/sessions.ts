/**
 * Session cookies of the fake Stash. With a password configured, /graphql and image routes need a valid
 * `session` cookie (401 otherwise). Like Stash, the cookie handed to a plugin also carries the hooks
 * already visited in this chain, so a hook that writes back re-triggers itself at most 10 times.
 */
import { randomBytes } from "node:crypto";

export const SESSION_COOKIE_NAME = "session";
export const MAX_HOOK_VISITS = 10;

export interface HookVisit {
  pluginId: string;
  trigger: string;
}

export class SessionStore {
  /** The browser's login session (what a test client sends). */
  readonly loginValue = randomBytes(16).toString("hex");
  private readonly issued = new Map<string, HookVisit[]>();

  constructor(readonly passwordRequired: boolean) {}

  /** A cookie for a plugin process, remembering the hook chain it runs in. */
  issue(visited: readonly HookVisit[]): string {
    const value = randomBytes(16).toString("hex");
    this.issued.set(value, [...visited]);
    return value;
  }

  isValid(value: string | null): boolean {
    if (!this.passwordRequired) return true;
    return value !== null && (value === this.loginValue || this.issued.has(value));
  }

  visitedBy(value: string | null): HookVisit[] {
    return (value && this.issued.get(value)) || [];
  }
}

export function sessionFromCookieHeader(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE_NAME) return rest.join("=");
  }
  return null;
}

export function hookVisits(visited: readonly HookVisit[], pluginId: string, trigger: string): number {
  return visited.filter((v) => v.pluginId === pluginId && v.trigger === trigger).length;
}
