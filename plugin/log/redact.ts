/**
 * Removes secrets from any text before it leaves the process (log lines, error messages, outputs).
 * Known secret values are replaced wherever they appear (also URL-encoded), and well-known carriers
 * (X-Plex-Token query/header, session cookie, ApiKey) are masked even when the value was never registered.
 */
const MASK = "****";

const CARRIER_PATTERNS: RegExp[] = [
  /(X-Plex-Token[=:]\s*)[^&\s"',;]+/gi,
  /(plex_token["']?\s*[:=]\s*["']?)[^&\s"',;]+/gi,
  /(\bsession=)[^;\s"',&]+/gi,
  /(\bapikey[=:]\s*)[^&\s"',;]+/gi,
];

export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | null | undefined): void {
    if (!secret || secret.length < 4) return;
    this.secrets.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.secrets.add(encoded);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    for (const pattern of CARRIER_PATTERNS) out = out.replace(pattern, `$1${MASK}`);
    return out;
  }
}

/** "abcd****wxyz" for display of a configured token; never reversible for short tokens. */
export function maskToken(token: string | undefined): string {
  if (!token) return "(not set)";
  if (token.length <= 8) return MASK;
  return `${token.slice(0, 4)}${MASK}${token.slice(-4)}`;
}
