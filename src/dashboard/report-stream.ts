// A scan report read as it streams in, for reports too large to read as one text: the 368,000-file
// scan writes 858 MB, and Node holds at most 512 MB in one string. JSON.parse also holds the whole
// parse at once, about three times the file's size. Here each finding is counted and let go as
// soon as it is parsed, so memory stays flat whatever the report's size.
//
// @streamparser/json does the parsing: it has no dependencies, selects values by path, and drops
// every value it has finished from its container (keepStack: false). On the 119 MB S3 report it
// took 1.7 s and 109 MiB where JSON.parse took 0.9 s and 415 MiB; stream-json took 5.0 s.
import { createReadStream } from 'node:fs';
import { JSONParser } from '@streamparser/json';
import TokenType from '@streamparser/json/utils/types/tokenType.js';
import type { Finding } from '../engine/finding.ts';
import { countDivergence, emptyDivergence } from './data.ts';

/** The members of a report that a digest reads, besides its findings. */
const DIGESTED = ['summary', 'context', 'exemptions', 'facts'];

export interface StreamedReport {
  /** The report's digested members, and `findings`: an empty list where the file's is a list, null where it is anything else; undefined when the file holds no object. */
  frame: Record<string, unknown> | undefined;
  /** Its findings per standard, counted as `digestReport` counts them. */
  divergence: Record<string, number>;
}

/** Reads a report file, counting its findings one at a time; throws where the file is not JSON. */
export async function streamReport(file: string): Promise<StreamedReport> {
  const parser = new JSONParser({ paths: ['$.findings.*', ...DIGESTED.map((member) => `$.${member}`)], keepStack: false });
  let frame: Record<string, unknown> | undefined;
  let divergence = emptyDivergence();
  parser.onValue = ({ value, key, stack }) => {
    frame ??= {};
    if (stack.length === 1) frame[key as string] = value;
    else countDivergence(divergence, value as unknown as Finding);
  };
  // Whether `findings` is a list, which the values above cannot say when it is empty: the parser
  // drops a member it was not asked for, so the tokens are watched for the member's first one. A
  // member named twice counts as its last value, as in JSON.parse.
  let depth = 0;
  let previous: TokenType | undefined;
  let member: unknown;
  parser.onToken = ({ token, value }) => {
    if (depth === 1 && previous === TokenType.COLON && member === 'findings') {
      frame ??= {};
      frame.findings = token === TokenType.LEFT_BRACKET ? [] : null;
      divergence = emptyDivergence();
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) depth++;
    else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) depth--;
    // A member's name is the text just before the colon at the report's own level.
    if (depth === 1 && token === TokenType.STRING) member = value;
    previous = token;
  };
  for await (const chunk of createReadStream(file)) parser.write(chunk as Buffer);
  // A file that stops before its JSON does: end() says where the parse stood.
  if (!parser.isEnded) parser.end();
  return { frame, divergence };
}
