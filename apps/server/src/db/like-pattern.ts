/**
 * `%text%` for LIKE, with the pattern characters of the text escaped (`\` is the escape on both engines: write
 * `like ${pattern} escape '\\'`).
 *
 * @example containsPattern('100%_off') // '%100\\%\\_off%'
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
