/**
 * Orders strings by UTF-16 code unit, as `Array.prototype.sort` does by default: the same order
 * on every machine, for every report, generated file and table this tool writes.
 *
 * Not `localeCompare`: it follows the locale of the process, so a report listed its findings in
 * another order on a runner set to cs_CZ ("src/ch.ts" after "src/h.ts") or sv_SE ("å" after
 * "z"), and its first call starts ICU's collator, about 10 ms of a typical pull request's run
 * (bench/RESULTS.md, fourteenth pass).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
