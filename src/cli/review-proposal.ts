import { resolve } from 'node:path';
import { readRepoState } from '../review/repo-state.ts';
import { reviewProposal } from '../review/review.ts';
import { ensureGitRepository, gitTree, resolveCommit } from '../sources/git-source.ts';
import { BlobReader, gitMaybe } from '../sources/git.ts';
import { EXIT, today, type CliIo } from './shared.ts';

export interface ReviewProposalOptions {
  repo: string;
  base: string;
  head: string;
  corpus?: string[];
  date?: string;
}

/** `standards review-proposal`: a change to the standards repository itself, reviewed. */
export async function reviewProposalCommand(io: CliIo, options: ReviewProposalOptions): Promise<number> {
  const repo = resolve(io.cwd, options.repo);
  await ensureGitRepository(repo);
  const blobs = new BlobReader(repo);
  try {
    const head = await resolveCommit(repo, options.head, '--head');
    const baseTip = await resolveCommit(repo, options.base, '--base');
    const base = (await gitMaybe(repo, ['merge-base', baseTip, head])) ?? baseTip;
    const [before, after] = await Promise.all([readRepoState(gitTree(repo, base, options.base, blobs)), readRepoState(gitTree(repo, head, options.head, blobs))]);
    const review = await reviewProposal(before, after, { root: repo, today: today(options.date), corpus: options.corpus?.map((dir) => resolve(io.cwd, dir)) });
    io.stdout.write(review.markdown);
    return review.refused ? EXIT.fail : EXIT.pass;
  } finally {
    blobs.close();
  }
}

