// Replaced in dist/ by scripts/build-language-table.mjs with the same table as one JSON text:
// importing all of `linguist-languages` cost a run ~10 ms and its code cache ~300 KB (bench/RESULTS.md,
// fifteenth pass). From source, as in the tests, the table is picked from the package here.
import * as linguist from 'linguist-languages';
import { pickLanguages, type Language } from './language-table.ts';

export const LANGUAGE_TABLE: readonly Language[] = pickLanguages(Object.values(linguist));
