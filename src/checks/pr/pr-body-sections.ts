import { defineCheck, type CheckResult } from '../types.ts';

export interface PrBodySectionsOptions {
  sections: string[];
  min_characters?: number;
}

interface Section {
  heading: string;
  level: number;
  content: string;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/** ATX headings of a Markdown body with the text under each, ignoring fenced code and HTML comments (PR templates are full of them). */
export function markdownSections(body: string): Section[] {
  const sections: Section[] = [];
  let inFence = false;
  for (const line of body.replace(/<!--[\s\S]*?-->/g, '').split(/\r?\n/)) {
    if (FENCE.test(line)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(line);
    if (heading) {
      sections.push({ heading: heading[2]!.trim(), level: heading[1]!.length, content: '' });
    } else if (sections.length) {
      sections[sections.length - 1]!.content += `${line}\n`;
    }
  }
  // A section's content runs on through its deeper subsections.
  return sections.map((section, i) => {
    let content = section.content;
    for (const next of sections.slice(i + 1)) {
      if (next.level <= section.level) break;
      content += `${next.heading}\n${next.content}`;
    }
    return { ...section, content };
  });
}

function normalise(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export const prBodySections = defineCheck<PrBodySectionsOptions>({
  type: 'pr-body-sections',
  summary: 'The pull request description has each listed Markdown section, and it is not left empty.',
  scope: 'change',
  requires: ['pr'],
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['sections'],
    properties: {
      sections: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Heading texts, matched case-insensitively.' },
      min_characters: { type: 'integer', minimum: 0, description: 'Least text a section must hold, comments excluded; default 1.' },
    },
  },
  messages: {
    missing: 'PR description has no "{{section}}" section; add a "## {{section}}" heading and fill it in',
    empty: 'the "{{section}}" section of the PR description is empty; say what you did there',
  },
  evaluate({ options, pr }) {
    const sections = markdownSections(pr!.body);
    const minimum = options.min_characters ?? 1;
    const results: CheckResult[] = [];
    for (const wanted of options.sections) {
      const found = sections.find((s) => normalise(s.heading) === normalise(wanted));
      if (!found) results.push({ messageId: 'missing', data: { section: wanted } });
      else if (found.content.trim().length < Math.max(minimum, 1)) results.push({ messageId: 'empty', data: { section: wanted } });
    }
    return results;
  },
});
