import { describe, expect, it } from 'vitest';
import { tieringFlag } from './tiering.ts';

describe('tieringFlag', () => {
  it.each([
    ['Node 20 (V8 11.3)', '11.3.244.8-node.38', [], undefined, '--interrupt-budget=540672'],
    ['Node 22 (V8 12.4): not measured there', '12.4.254.21-node.33', [], undefined, undefined],
    ['Node 24 (V8 13.6)', '13.6.233.10-node.28', [], undefined, undefined],
    ['a V8 whose version only starts with 11', '110.1.0', [], undefined, undefined],
    ['a budget on node’s command line', '11.3.244.8-node.38', ['--interrupt-budget=1000'], undefined, undefined],
    ['a budget spelt with underscores', '11.3.244.8-node.38', ['--interrupt_budget=1000'], undefined, undefined],
    ['a budget in NODE_OPTIONS', '11.3.244.8-node.38', [], '--max-old-space-size=4096 --interrupt-budget=1000', undefined],
    ['other flags only', '11.3.244.8-node.38', ['--enable-source-maps'], '--max-old-space-size=4096', '--interrupt-budget=540672'],
  ])('%s', (_, v8Version, execArgv, nodeOptions, flag) => {
    expect(tieringFlag(v8Version, execArgv, nodeOptions)).toBe(flag);
  });
});
