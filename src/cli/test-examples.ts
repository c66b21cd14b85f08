import { UsageError } from '../diagnostics.ts';
import { runExamples } from '../review/examples.ts';
import { loadTrusted, standardsRoot } from '../standards/trusted.ts';
import { EXIT, today, type CliIo } from './shared.ts';

/** `standards test`: every standard's examples, RuleTester-style. */
export async function testExamples(io: CliIo, ids: string[], options: { standards?: string }): Promise<number> {
  const context = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const wanted = ids.map((id) => id.toUpperCase());
  const chosen = context.standards.filter((s) => s.status !== 'superseded' && (!wanted.length || wanted.includes(s.id)));
  const unknown = wanted.filter((id) => !context.standards.some((s) => s.id === id));
  if (unknown.length) throw new UsageError(`unknown standard ${unknown.join(', ')}`);
  let failed = 0;
  for (const standard of chosen) {
    const results = await runExamples(standard, { config: context.config, teams: context.teams, today: today(undefined), root: context.root });
    io.stdout.write(`${standard.id} ${standard.title}\n`);
    if (!results.some((r) => r.kind === 'pass') || !results.some((r) => r.kind === 'fail')) {
      failed++;
      io.stdout.write(`  ✗ needs at least one passing and one failing example (examples: in the rule file, or test/standards/${standard.id}/)\n`);
    }
    for (const result of results) {
      if (!result.ok) failed++;
      io.stdout.write(`  ${result.ok ? '✓' : '✗'} ${result.kind}: ${result.name}${result.problem ? `\n      ${result.problem}` : ''}\n`);
    }
  }
  io.stdout.write(`\n${chosen.length} standards, ${failed ? `${failed} failed` : 'all examples behave'}\n`);
  return failed ? EXIT.fail : EXIT.pass;
}
