// When V8 optimizes a command's functions. V8 hands a function to its optimizing compiler
// (TurboFan, on background threads) once the function has run a set amount of bytecode, its
// "interrupt budget". That budget suits a program that runs for minutes. A command runs for a
// second or a few, and on a 2-core runner the compiler's threads take CPU from the command and
// from git. S2 spent about 600 ms of CPU in TurboFan for a 1.4 s run, much of it on functions
// that were warm for a moment (the YAML parser, glob compilation) and never ran again.
//
// Eight times the budget optimizes what stays hot and leaves the rest to the interpreter:
// S2 1.47 → 1.33 s and 2.35 → 2.0 s of CPU; S1 and S3 unchanged (bench/RESULTS.md, tenth pass).

const BUDGET_FLAG = 'interrupt-budget';

/** V8 11.3's default budget (Node 20), in bytes of bytecode run. */
const DEFAULT_BUDGET = 66 * 1024;
const BUDGET = 8 * DEFAULT_BUDGET;

/**
 * The flag to give V8 before a command's code is loaded, or undefined to leave V8's own tiering.
 *
 * Only V8 11, which Node 20 runs: it is where the budget was measured, and V8 prints an error
 * for a flag it does not know. Later V8s tier by invocation counts and add Maglev, and keep their
 * defaults until measured. A budget the user chose on node's command line is left alone. (Node 20
 * refuses to start with it in NODE_OPTIONS; the check there costs nothing and covers a Node that
 * allows it.)
 */
export function tieringFlag(v8Version: string, execArgv: readonly string[], nodeOptions = ''): string | undefined {
  if (!/^11\./.test(v8Version)) return undefined;
  const chosen = [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => arg.replace(/_/g, '-').startsWith(`--${BUDGET_FLAG}`));
  return chosen ? undefined : `--${BUDGET_FLAG}=${BUDGET}`;
}
