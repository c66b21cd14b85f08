import type { ChangeSet } from '../../changeset.ts';
import type { Standard } from '../../standards/standard.ts';
import type { FactsCollector } from '../types.ts';
import { isPromise } from '../../maybe-promise.ts';
import type { Classification } from './classify.ts';
import { classifyChanged } from './language.ts';
import { compareText } from '../../text-order.ts';

export interface LanguageFacts {
  /** Files per language in the scanned tree, counted as linguist counts them: programming and markup languages, vendored, generated and documentation files left out. */
  files: Record<string, number>;
  /** Files per deprecated language, with its sunset: the burn-down the dashboard plots. */
  deprecated: Record<string, { files: number; sunset: string; standard: string }>;
}

/** Language counts for a scan, gathered file by file, so an org can watch deprecated languages burn down. */
export function languageFacts(changeSet: ChangeSet, standards: readonly Standard[]): FactsCollector | undefined {
  if (changeSet.mode !== 'scan') return undefined;
  const files: Record<string, number> = {};
  const count = ({ language, counted }: Classification) => {
    if (!language || !counted) return;
    const name = language.group ?? language.name;
    files[name] = (files[name] ?? 0) + 1;
  };
  return {
    add(file, content) {
      // At once when the file's text is at hand: a promise only when it must be waited for.
      const classification = classifyChanged(changeSet, file, content);
      return isPromise(classification) ? classification.then(count) : count(classification);
    },
    result(): LanguageFacts {
      const deprecated: LanguageFacts['deprecated'] = {};
      for (const standard of standards) {
        if (standard.check.type !== 'language' || standard.status === 'superseded') continue;
        for (const [name, { sunset }] of Object.entries((standard.check.deprecated ?? {}) as Record<string, { sunset: string }>)) {
          const count = Object.entries(files).find(([language]) => language.toLowerCase() === name.toLowerCase())?.[1] ?? 0;
          deprecated[name] = { files: count, sunset, standard: standard.id };
        }
      }
      return { files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => compareText(a, b))), deprecated };
    },
  };
}
