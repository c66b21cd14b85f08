// Writes dist/checks/language/languages.generated.js: the fields of `linguist-languages` that
// language detection reads, as one JSON text that JSON.parse reads at start-up, in place of the
// package's 834 modules (src/checks/language/languages.generated.ts, from which tsc built the
// file this replaces, picks the same table at run time). Runs after tsc, from `npm run build`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { LANGUAGE_TABLE } = await import(join(root, 'dist/checks/language/languages.generated.js'));
const { languageTableModule } = await import(join(root, 'dist/checks/language/language-table.js'));
writeFileSync(join(root, 'dist/checks/language/languages.generated.js'), languageTableModule(LANGUAGE_TABLE));
console.log(`tabled ${LANGUAGE_TABLE.length} languages`);
