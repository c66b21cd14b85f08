import { RE2JS } from 're2js';

/** A user-written pattern compiled for RE2's linear-time matching. */
export interface UserRegex {
  source: string;
  test(text: string): boolean;
}

export function compileUserRegex(source: string, options: { caseInsensitive?: boolean } = {}): UserRegex {
  const pattern = RE2JS.compile(source, options.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  return {
    source,
    test(text) {
      return pattern.matcher(text).find();
    },
  };
}

/** Why `source` is not a valid RE2 pattern, or undefined when it is. */
export function regexProblem(source: string): string | undefined {
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    const message = (error as Error).message.replace(/^error parsing regexp: /, '');
    return `is not a valid RE2 regular expression (${message}); RE2 has no lookaround or backreferences, see https://github.com/google/re2/wiki/Syntax`;
  }
}
