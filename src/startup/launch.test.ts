import { describe, expect, test } from 'vitest';
import { outputFailure } from './launch.ts';

const failure = (code: string) => Object.assign(new Error(`write ${code}`), { code, syscall: 'write' });

describe('outputFailure', () => {
  test.each([
    { name: 'the reader stopped early (`| head`): quiet, the verdict stands', code: 'EPIPE', exit: undefined, said: '' },
    { name: 'the pipe could take no more: the report is cut short', code: 'ENOBUFS', exit: 2, said: 'standards: could not write the report to stdout (ENOBUFS); what was written is incomplete.\n' },
    { name: 'the disk is full', code: 'ENOSPC', exit: 2, said: 'standards: could not write the report to stdout (ENOSPC); what was written is incomplete.\n' },
  ])('$name', ({ code, exit, said }) => {
    let stderr = '';
    expect(outputFailure(failure(code), { write: (text: string) => (stderr += text) })).toBe(exit);
    expect(stderr).toBe(said);
  });
});
