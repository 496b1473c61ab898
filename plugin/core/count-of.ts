/** "1 scene", "1,204 scenes": a count with its noun, for words a user reads (the plugin's and the UI's). */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? noun : plural}`;
}
