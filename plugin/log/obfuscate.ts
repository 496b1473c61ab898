/**
 * Optional path obfuscation for shared logs (`obfuscate_paths`): each path segment becomes a word, the same
 * segment always the same word within one run, different segments never the same word. Extensions are kept.
 */
const WORDS = [
  "Crimson",
  "Azure",
  "Emerald",
  "Golden",
  "Silver",
  "Violet",
  "Amber",
  "Coral",
  "Ivory",
  "Onyx",
  "Scarlet",
  "Teal",
  "Copper",
  "Indigo",
  "Jade",
  "Maroon",
  "Sage",
  "Bronze",
  "Cobalt",
  "Pearl",
  "Tiger",
  "Phoenix",
  "Falcon",
  "Raven",
  "Wolf",
  "Eagle",
  "Cobra",
  "Panther",
  "Lynx",
  "Hawk",
  "Otter",
  "Viper",
  "Crane",
  "Bison",
  "Fox",
  "Owl",
  "Elk",
  "Bear",
  "Lion",
  "Dove",
  "Atlas",
  "Beacon",
  "Cipher",
  "Delta",
  "Echo",
  "Forge",
  "Granite",
  "Harbor",
  "Icon",
  "Jetty",
  "Keystone",
  "Lantern",
  "Meridian",
  "Nexus",
  "Orbit",
  "Prism",
  "Quartz",
  "Ridge",
  "Summit",
  "Torch",
  "Vault",
  "Zenith",
  "Apex",
  "Bastion",
];

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export type PathObfuscator = (path: string) => string;

export function createPathObfuscator(enabled: boolean): PathObfuscator {
  if (!enabled) return (path) => path;
  const bySegment = new Map<string, string>();
  const used = new Set<string>();
  const wordFor = (segment: string): string => {
    const known = bySegment.get(segment);
    if (known) return known;
    const base = WORDS[fnv1a(segment) % WORDS.length] ?? "Word";
    let word = base;
    for (let n = 2; used.has(word); n++) word = `${base}${n}`;
    bySegment.set(segment, word);
    used.add(word);
    return word;
  };
  return (path) => {
    const sep = path.includes("\\") ? "\\" : "/";
    const parts = path.split(sep);
    return parts
      .map((part, index) => {
        if (part === "") return part;
        if (index === parts.length - 1) {
          const dot = part.lastIndexOf(".");
          if (dot > 0) return `${wordFor(part.slice(0, dot))}${part.slice(dot)}`;
        }
        return wordFor(part);
      })
      .join(sep);
  };
}
