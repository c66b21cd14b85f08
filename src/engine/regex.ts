import { RE2JS } from 're2js';

/** A user-written pattern compiled for RE2's linear-time matching. */
export interface UserRegex {
  source: string;
  test(text: string): boolean;
  /**
   * Offsets in a multi-line text where a line may match: every line that matches on its own
   * starts at or before one of them. Undefined when the pattern cannot be searched this way (it
   * uses \A, \z or inline flags, which mean something else across lines).
   */
  candidates?(text: string): readonly number[];
}

// A list, not a generator: searched for each of a scan's files by each content standard, a
// generator was an object per file and standard, for texts that nearly all hold no candidate.
const NO_OFFSETS: readonly number[] = Object.freeze([]);

// Patterns whose meaning changes when lines are searched together rather than one at a time.
const LINE_BOUND = /\\[Az]|\(\?[a-zA-Z-]+[):]/;

/** re2js's literal prefilter: strings a match must contain, joined by AND and OR (its types 1, 2, 3). */
interface Prefilter {
  type: number;
  str: string;
  subs: Prefilter[];
}

/**
 * Where in the text the literals a match needs occur, in order: for a literal, each of its
 * occurrences; for literals that must all be there, those of any one of them; for alternatives,
 * those of every one. Undefined when the prefilter names no literal to look for.
 */
export function literalOffsets(prefilter: Prefilter | null | undefined, text: string): number[] | undefined {
  if (!prefilter || typeof prefilter.type !== 'number') return undefined;
  switch (prefilter.type) {
    case 1: {
      const literal = prefilter.str;
      if (typeof literal !== 'string' || !literal.length) return undefined;
      const offsets: number[] = [];
      for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) offsets.push(at);
      return offsets;
    }
    case 2:
      for (const sub of prefilter.subs) {
        const offsets = literalOffsets(sub, text);
        if (offsets) return offsets;
      }
      return undefined;
    case 3: {
      const all: number[] = [];
      for (const sub of prefilter.subs) {
        const offsets = literalOffsets(sub, text);
        if (!offsets) return undefined;
        // Not spread into push: a large file holds more occurrences than a call takes arguments.
        for (const offset of offsets) all.push(offset);
      }
      return all.sort((a, b) => a - b);
    }
    default:
      return undefined;
  }
}

/** The prefilter re2js built for a pattern, if it exposes one. */
export function prefilterOf(pattern: RE2JS): Prefilter | undefined {
  const prefilter = (pattern.re2() as unknown as { prefilter?: Prefilter | null }).prefilter;
  return prefilter ?? undefined;
}

// Validating the standards compiles each pattern, and running them compiles it again: compile
// once. A compiled RE2JS holds no match state, so sharing one is safe. Bounded, as a server
// reloads standards for as long as it runs.
const compiledPatterns = new Map<string, RE2JS>();

function compilePattern(source: string, flags: number): RE2JS {
  const key = `${flags}:${source}`;
  let pattern = compiledPatterns.get(key);
  if (!pattern) {
    pattern = RE2JS.compile(source, flags);
    if (compiledPatterns.size >= 1_000) compiledPatterns.clear();
    compiledPatterns.set(key, pattern);
  }
  return pattern;
}

export function compileUserRegex(source: string, options: { caseInsensitive?: boolean } = {}): UserRegex {
  const flags = options.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0;
  const pattern = compilePattern(source, flags);
  // With ^ and $ at every line, a match of one line is a match of the text at the same place.
  // Compiled on the first search of a text: a pattern only ever tested line by line (an
  // allow_pattern, a PR title's) never needs it, and a compile costs ~1.5 ms at start-up.
  const searchable = !LINE_BOUND.test(source);
  let multiline: { whole: RE2JS; prefilter: Prefilter | undefined } | undefined;
  const wholeText = () => {
    if (!multiline) {
      const whole = compilePattern(source, flags | RE2JS.MULTILINE);
      multiline = { whole, prefilter: prefilterOf(whole) };
    }
    return multiline;
  };
  return {
    source,
    test(text) {
      // test() asks for no capture groups, so re2js runs its DFA.
      return pattern.test(text);
    },
    candidates: searchable
      ? (text) => {
          const { whole, prefilter } = wholeText();
          // A line that matches holds the literals a match needs: where the prefilter names them,
          // native string search finds the only lines worth trying, by their starts.
          const offsets = literalOffsets(prefilter, text);
          if (offsets) {
            // Most texts hold none: one empty list answers them all.
            if (!offsets.length) return NO_OFFSETS;
            const starts: number[] = [];
            let previous = -1;
            for (const offset of offsets) {
              const start = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
              if (start !== previous) starts.push((previous = start));
            }
            return starts;
          }
          // Otherwise whether anything in the text can match is answered by RE2's DFA; only then
          // is each line tried on its own.
          if (!whole.test(text)) return NO_OFFSETS;
          const starts = [0];
          for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) starts.push(newline + 1);
          return starts;
        }
      : undefined,
  };
}

/** Why `source` is not a valid RE2 pattern, or undefined when it is. */
export function regexProblem(source: string): string | undefined {
  try {
    compilePattern(source, 0);
    return undefined;
  } catch (error) {
    const message = (error as Error).message.replace(/^error parsing regexp: /, '');
    return `is not a valid RE2 regular expression (${message}); RE2 has no lookaround or backreferences, see https://github.com/google/re2/wiki/Syntax`;
  }
}
