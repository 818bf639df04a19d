/** "summer, bottle , ,blue" -> ["summer", "bottle", "blue"]: what a tags input means. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
  return [...new Set(tags)]
}
