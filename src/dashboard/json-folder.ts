import { constants } from 'node:buffer';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type Diagnostic } from '../diagnostics.ts';

/** For the closing line of its errors: which folder, and that the dashboard was not written. */
const about = (what: string) => ({ subject: `the ${what} folder`, outcome: 'the dashboard was not written' });

/**
 * Reads every file of a folder that `select` picks (by name, sorted) as JSON and hands it to
 * `accept`, which throws to refuse it. A file of more than `large.over` bytes is given to
 * `large.read` instead, which reads it as it streams in. Every refused or unreadable file is a
 * diagnostic naming it and saying what was `expected`; together they are one ConfigError. A
 * missing folder is an error too, unless `missingIsEmpty`.
 */
export async function readJsonFolder<T>(
  dir: string,
  options: {
    select(name: string): boolean;
    what: string;
    expected: string;
    missingIsEmpty?: boolean;
    accept(value: unknown, name: string): T;
    large?: { over: number; read(file: string): Promise<T> };
  },
): Promise<T[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => options.select(name)).sort();
  } catch (error) {
    if (options.missingIsEmpty && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError([{ file: dir, line: 1, column: 1, field: '', message: `cannot read this ${options.what} folder` }], about(options.what));
  }
  const accepted: T[] = [];
  const problems: Diagnostic[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      const { large } = options;
      if (large && (await stat(file)).size > large.over) accepted.push(await large.read(file));
      else accepted.push(options.accept(JSON.parse(await readFile(file, 'utf8')), name));
    } catch (error) {
      problems.push({ file, line: 1, column: 1, field: '', message: `${await tooLarge(file, error) ?? (error as Error).message}; expected ${options.expected}` });
    }
  }
  if (problems.length) throw new ConfigError(problems, about(options.what));
  return accepted;
}

/** Why a file could not be read, when it was too large for one string: V8's own words for it are "Invalid string length". */
export async function tooLarge(file: string, error: unknown): Promise<string | undefined> {
  const { code } = error as NodeJS.ErrnoException;
  if (!(error instanceof RangeError) && code !== 'ERR_STRING_TOO_LONG') return undefined;
  const size = await stat(file).then((s) => s.size, () => undefined);
  if (size === undefined || size <= constants.MAX_STRING_LENGTH) return undefined;
  const mb = (bytes: number) => Math.floor(bytes / 1024 / 1024);
  return `too large to read: ${mb(size)} MB, more than the ${mb(constants.MAX_STRING_LENGTH)} MB that Node can hold as one text`;
}
