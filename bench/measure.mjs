// Whole-process measurements: wall time, CPU time (user + system) and peak resident memory of a
// command and everything it starts. Node cannot read a child's rusage, so a few lines of Python's
// `resource` module wait for the command and report RUSAGE_CHILDREN.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const PROBE = `
import json, resource, subprocess, sys, time
spec = json.loads(sys.stdin.read())
out = open(spec["stdout"], "wb") if spec.get("stdout") else subprocess.DEVNULL
start = time.perf_counter()
try:
    done = subprocess.run(spec["argv"], cwd=spec.get("cwd"), env=spec.get("env"), stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.PIPE, timeout=spec.get("timeout"))
    code, stderr, stopped = done.returncode, done.stderr, False
except subprocess.TimeoutExpired as expired:
    code, stderr, stopped = None, expired.stderr or b"", True
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss * 1024, "stopped": stopped, "stderr": stderr.decode("utf8", "replace")[-2000:]}))
`;

/**
 * Runs `argv` once and measures it; `bash -c` commands measure a whole pipeline. The command's
 * input is /dev/null, not this probe's: Node hands the probe its spec over a socket, and a
 * `bash -c` whose input is a socket takes itself for a remote shell and runs ~/.bashrc when
 * SHLVL is below 2 (a bench started in the background, or by a job runner). On a machine whose
 * bashrc sets up pyenv, that added 100-190 ms to every floor: S1's read 115-197 ms, not 9-15 ms.
 */
export function measureOnce(argv, options = {}) {
  const spec = { argv, cwd: options.cwd, env: options.env ?? process.env, stdout: options.stdout, timeout: options.timeout };
  const run = spawnSync('python3', ['-c', PROBE], { input: JSON.stringify(spec), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`could not measure ${argv.join(' ')}: ${run.stderr}`);
  const result = JSON.parse(run.stdout);
  if (!result.stopped && options.expectCodes && !options.expectCodes.includes(result.code)) {
    throw new Error(`${argv.join(' ')} exited ${result.code}, expected ${options.expectCodes.join(' or ')}:\n${result.stderr}`);
  }
  return result;
}

/** The options of a command's first run: only it writes its output where `firstStdout` says. */
function first(options) {
  return options.firstStdout ? { ...options, stdout: options.firstStdout } : options;
}

/**
 * The standards a JSON report file says could not be evaluated, as "STD-0012: reason". A run with
 * any measured less than it was meant to: S5-cargo's figures were for twelve passes a run whose
 * dependency standards had stopped on a stack overflow (bench/RESULTS.md, thirteenth pass).
 *
 * Read line by line, as the report is written (the README's JSON contract: two-space indents, a
 * finding's fields six spaces in, its links eight): the 368,000-file scan's report is 858 MB, more
 * than one string can hold.
 */
export function unjudged(file) {
  const found = [];
  const field = (line, name) => (line.startsWith(`      "${name}": `) ? JSON.parse(line.slice(name.length + 10).replace(/,$/, '')) : undefined);
  let standard;
  let message;
  let opening = true;
  const read = (line) => {
    if (opening) {
      opening = false;
      if (line !== '{') found.push('the report is not JSON');
    }
    standard = field(line, 'standard') ?? standard;
    message = field(line, 'message') ?? message;
    if (field(line, 'message_id') === 'could-not-evaluate') found.push(`${standard}: ${message}`);
  };
  const fd = openSync(file, 'r');
  const decoder = new StringDecoder('utf8');
  const chunk = Buffer.alloc(1 << 20);
  let rest = '';
  try {
    for (let bytes; (bytes = readSync(fd, chunk)) > 0; ) {
      const lines = (rest + decoder.write(chunk.subarray(0, bytes))).split('\n');
      rest = lines.pop();
      for (const line of lines) read(line);
    }
    read(rest + decoder.end());
  } finally {
    closeSync(fd);
  }
  return found;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** How many runs a command gets, from its first: fewer for one that takes long, so a large scenario does not take an hour. */
function runsAfter(first, options) {
  return first.stopped || first.wall > 15 ? 1 : first.wall > 3 ? Math.min(3, options.runs ?? 5) : options.runs ?? 5;
}

function summary(samples) {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: Math.max(...samples.map((s) => s.rss)), runs: samples.length, code: samples[0].code, stopped: samples[0].stopped };
}

/**
 * Medians over repeated runs. Fast commands run `runs` times; one that takes longer than 15 s
 * runs once (its single figure is marked), so a large scenario does not take an hour.
 */
export function measure(argv, options = {}) {
  const samples = [measureOnce(argv, first(options))];
  const runs = runsAfter(samples[0], options);
  while (samples.length < runs) samples.push(measureOnce(argv, options));
  return summary(samples);
}

/**
 * A command and its floor, run in turn (command, floor, command, floor, ...), so that each pair
 * sees the same minutes of a shared machine; measured one block after the other, a few noisy
 * minutes moved S2's ratio from 2.4× to 3.1× on the same build. The ratio is the median of the
 * pairs' ratios. A command that runs once has its floor measured the usual number of times.
 */
export function measureWithFloor(argv, floorArgv, options = {}, floorOptions = {}) {
  const samples = [measureOnce(argv, first(options))];
  const runs = runsAfter(samples[0], options);
  if (runs === 1) {
    const floor = measure(floorArgv, floorOptions);
    return { ...summary(samples), floor, ratio: samples[0].wall / floor.wall };
  }
  const floors = [measureOnce(floorArgv, floorOptions)];
  while (samples.length < runs) {
    samples.push(measureOnce(argv, options));
    floors.push(measureOnce(floorArgv, floorOptions));
  }
  return { ...summary(samples), floor: summary(floors), ratio: median(samples.map((sample, i) => sample.wall / floors[i].wall)) };
}

export const format = {
  seconds: (s, stopped) => (s === undefined ? '' : stopped ? `> ${s.toFixed(0)} s (stopped)` : s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`),
  mib: (bytes) => (bytes === undefined ? '' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`),
  ratio: (a, b) => (a === undefined || !b ? '' : `${(a / b).toFixed(1)}×`),
  /** A ratio already worked out. */
  times: (ratio) => (ratio === undefined ? '' : `${ratio.toFixed(1)}×`),
};
