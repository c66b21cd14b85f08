import { contentFamily } from './content/index.ts';
import { dependenciesFamily } from './dependencies/index.ts';
import { filesFamily } from './files/index.ts';
import { languageFamily } from './language/index.ts';
import { oncallFamily } from './oncall/index.ts';
import { ownershipFamily } from './ownership/index.ts';
import { prFamily } from './pr/index.ts';
import type { AnyCheck, CheckFamily } from './types.ts';

/** Every check family, kept by hand: adding a family is one reviewed line here. */
export const families = [filesFamily, contentFamily, prFamily, languageFamily, dependenciesFamily, ownershipFamily, oncallFamily] satisfies readonly CheckFamily[];

export const checksByType: ReadonlyMap<string, AnyCheck> = new Map(
  families.flatMap((family) => family.checks.map((check) => [check.type, check] as const)),
);

export function checkTypes(): string[] {
  return [...checksByType.keys()].sort();
}
