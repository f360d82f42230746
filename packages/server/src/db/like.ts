/** An ILIKE pattern that finds the text anywhere, with the pattern's own characters (% _ \) taken literally. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
