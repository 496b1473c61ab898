/** "1 scene", "3 scenes": a count with its noun, for messages a user reads. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
