import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  runExamples
} from "./chunk-I5LKXCG6.js";
import "./chunk-B5I2H64X.js";
import {
  loadTrusted,
  standardsRoot
} from "./chunk-NVSOLWZF.js";
import "./chunk-EK3ESDIM.js";
import "./chunk-X254CNPU.js";
import {
  EXIT,
  UsageError,
  today
} from "./chunk-RH4BDJS2.js";
import "./chunk-34TOCUEK.js";
import "./chunk-L3UC3SYL.js";
import "./chunk-V4RWK56N.js";

// src/cli/test-examples.ts
async function testExamples(io, ids, options) {
  const context = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const wanted = ids.map((id) => id.toUpperCase());
  const chosen = context.standards.filter((s) => s.status !== "superseded" && (!wanted.length || wanted.includes(s.id)));
  const unknown = wanted.filter((id) => !context.standards.some((s) => s.id === id));
  if (unknown.length) throw new UsageError(`unknown standard ${unknown.join(", ")}`);
  let failed = 0;
  for (const standard of chosen) {
    const results = await runExamples(standard, { config: context.config, teams: context.teams, today: today(void 0), root: context.root });
    io.stdout.write(`${standard.id} ${standard.title}
`);
    if (!results.some((r) => r.kind === "pass") || !results.some((r) => r.kind === "fail")) {
      failed++;
      io.stdout.write(`  \u2717 needs at least one passing and one failing example (examples: in the rule file, or test/standards/${standard.id}/)
`);
    }
    for (const result of results) {
      if (!result.ok) failed++;
      io.stdout.write(`  ${result.ok ? "\u2713" : "\u2717"} ${result.kind}: ${result.name}${result.problem ? `
      ${result.problem}` : ""}
`);
    }
  }
  io.stdout.write(`
${chosen.length} standards, ${failed ? `${failed} failed` : "all examples behave"}
`);
  return failed ? EXIT.fail : EXIT.pass;
}
export {
  testExamples
};
