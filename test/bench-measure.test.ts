// The bench's pairing of a command with its floor: run in turn, so both see the same minutes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
// @ts-expect-error: the bench is plain JavaScript, outside the typed sources.
import { measure, measureWithFloor, unjudged } from '../bench/measure.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('a command and its floor run in turn, and the ratio is the median of the pairs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-measure-'));
  dirs.push(dir);
  const log = join(dir, 'order.log');
  // The command takes about 0.1 s, its floor none: every pair's ratio is well above 1.
  const command = ['sh', '-c', `echo command >> '${log}'; sleep 0.1`];
  const floor = ['sh', '-c', `echo floor >> '${log}'`];
  const measured = measureWithFloor(command, floor, { runs: 3, expectCodes: [0] }, { runs: 3, expectCodes: [0] });
  expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['command', 'floor', 'command', 'floor', 'command', 'floor']);
  expect(measured.runs).toBe(3);
  expect(measured.floor.runs).toBe(3);
  expect(measured.wall).toBeGreaterThanOrEqual(0.1);
  expect(measured.ratio).toBeGreaterThan(1);
  expect(measured.floor.wall).toBeLessThan(measured.wall);
});

test("a measured command reads /dev/null, never the probe's input", () => {
  // Node gives the probe its spec over a socket. A `bash -c` reading a socket takes itself for a
  // remote shell and runs ~/.bashrc when SHLVL is below 2, which added 100-190 ms to each floor
  // of a bench started in the background. fstat of /dev/null is a character device.
  const stdinKind = ['node', '-e', 'const s = require("fs").fstatSync(0); process.exit(s.isCharacterDevice() ? 0 : s.isSocket() ? 3 : 4)'];
  const measured = measureWithFloor(stdinKind, stdinKind, { runs: 1, expectCodes: [0] }, { runs: 1, expectCodes: [0] });
  expect(measured.code).toBe(0);
});

test("only a command's first run keeps its output, and a report's unevaluated standards are named", () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-measure-'));
  dirs.push(dir);
  const count = join(dir, 'count');
  const report = join(dir, 'report.json');
  // Each run prints how many ran before it.
  const command = ['sh', '-c', `n=$(cat '${count}' 2>/dev/null || echo 0); echo $((n + 1)) > '${count}'; echo "$n"`];
  measure(command, { runs: 3, expectCodes: [0], firstStdout: report });
  expect([readFileSync(count, 'utf8').trim(), readFileSync(report, 'utf8').trim()]).toEqual(['3', '0']);

  // As the JSON reporter writes a report: a finding's links hold a "standard" of their own.
  const finding = (standard: string, messageId: string) => ({ standard, message: `${standard} said ${messageId}`, links: { standard: 'https://s' }, message_id: messageId });
  const reportOf = (text: string) => {
    writeFileSync(report, text);
    return unjudged(report);
  };
  expect(reportOf(`${JSON.stringify({ verdict: 'fail', findings: [finding('STD-0001', 'denied'), finding('STD-0012', 'could-not-evaluate')] }, null, 2)}\n`)).toEqual(['STD-0012: STD-0012 said could-not-evaluate']);
  expect(reportOf(`${JSON.stringify({ findings: [finding('STD-0001', 'denied')] }, null, 2)}\n`)).toEqual([]);
  expect(reportOf('{"findings": [')).toEqual(['the report is not JSON']);
});
