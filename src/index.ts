// The library entry point: the engine, its sources and reporters, for tools built on standards-bot.
export type { ChangeSet, FileChange, LineCounts, PullRequestInfo, TreeView } from './changeset.ts';
export { evaluate, type EvaluateOptions } from './engine/evaluate.ts';
export type { Finding, Report } from './engine/finding.ts';
export { findingLinks } from './engine/links.ts';
export { renderJson } from './report/json.ts';
export { renderMarkdown } from './report/markdown.ts';
export { renderText } from './report/text.ts';
export { gitRangeSource, gitScanSource } from './sources/git-source.ts';
export { loadTrusted, standardsRoot, type Trusted } from './standards/trusted.ts';
