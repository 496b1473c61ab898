/** Builds a realistic, deterministic library in a FakeStashState: studios (some with parents), performers, tags, files. */
import type { FakeScene, FakeStashState } from "./state.js";

export interface SeedOptions {
  /** Same seed → same library. */
  seed?: number;
  /** Folder the video files live in (POSIX). */
  root?: string;
  /** Share of scenes marked organized, 0..1. */
  organizedShare?: number;
}

/** mulberry32: a tiny seeded PRNG, so seeds are reproducible across runs. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NETWORKS = ["Northwind Media", "Blue Harbor"];
const STUDIOS = [
  "Northwind Films",
  "Northwind Originals",
  "Harbor Lights",
  "Quiet Hill",
  "Red Canyon",
  "Élan Studio",
];
const FIRST = [
  "Ava",
  "Mia",
  "Lena",
  "Noah",
  "Liam",
  "Zoë",
  "Kai",
  "Ivy",
  "Jade",
  "Eli",
  "Ren",
  "Sol",
  "Mara",
  "Tess",
];
const LAST = ["Stone", "Rivers", "Hart", "Vale", "Cruz", "Moreau", "Kim", "Lund", "Okafor", "Silva", "Novak"];
const TAGS = [
  "Outdoor",
  "Interview",
  "Behind the Scenes",
  "4K",
  "Classic",
  "Drama",
  "Comedy",
  "Travel",
  "Night",
  "Beach",
];
const WORDS = [
  "Summer",
  "Echoes",
  "Midnight",
  "Harbor",
  "Golden",
  "Hour",
  "Silent",
  "River",
  "Letters",
  "Glass",
  "Road",
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function pickSome<T>(items: readonly T[], max: number, random: () => number): T[] {
  const count = Math.floor(random() * (max + 1));
  return [...new Set(Array.from({ length: count }, () => pick(items, random)))];
}

function seedCatalog(state: FakeStashState, random: () => number) {
  const parents = NETWORKS.map((name) => state.studioNamed(name));
  const studios = STUDIOS.map((name, i) => state.studioNamed(name, i < 2 ? (parents[0]?.id ?? null) : null));
  if (parents[1]) studios.push(state.studioNamed("Harbor Lights Classics", parents[1].id));
  const performers = Array.from({ length: 24 }, (_, i) =>
    state.performerNamed(`${FIRST[i % FIRST.length]} ${pick(LAST, random)}`),
  );
  const tags = TAGS.map((name) => state.tagNamed(name));
  return { studios, performers, tags };
}

/** Adds `count` scenes; returns them in creation order. */
export function seedScenes(state: FakeStashState, count: number, options: SeedOptions = {}): FakeScene[] {
  const random = seededRandom(options.seed ?? 42);
  const root = options.root ?? "/data/videos";
  const { studios, performers, tags } = seedCatalog(state, random);
  const scenes: FakeScene[] = [];
  for (let i = 0; i < count; i++) {
    const studio = random() < 0.85 ? pick(studios, random) : null;
    const title = `${pick(WORDS, random)} ${pick(WORDS, random)} ${i + 1}`;
    const folder = studio ? studio.name : "Unsorted";
    const file = state.addFile({
      path: `${root}/${folder}/${title}.mp4`,
      size: 200_000_000 + Math.floor(random() * 3_000_000_000),
      duration: 600 + Math.floor(random() * 3000),
      width: 1920,
      height: 1080,
    });
    const year = 2015 + Math.floor(random() * 10);
    scenes.push(
      state.addScene({
        title,
        code: random() < 0.3 ? `NW-${1000 + i}` : null,
        details: random() < 0.8 ? `${title}: a scene about ${pick(WORDS, random).toLowerCase()}.` : null,
        director: random() < 0.4 ? `${pick(FIRST, random)} ${pick(LAST, random)}` : null,
        date: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`,
        rating100: random() < 0.5 ? 20 * (1 + Math.floor(random() * 5)) : null,
        organized: random() < (options.organizedShare ?? 0.6),
        studioId: studio?.id ?? null,
        performerIds: pickSome(performers, 3, random).map((p) => p.id),
        tagIds: pickSome(tags, 4, random).map((t) => t.id),
        fileIds: [file.id],
        urls: random() < 0.3 ? [`https://example.com/scenes/${i + 1}`] : [],
      }),
    );
  }
  return scenes;
}
