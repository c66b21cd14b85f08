import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  TeamRegistry,
  checksByType,
  covers,
  daysLeft,
  exemptionStatus,
  families,
  inScope,
  nextExemptionId
} from "./chunk-EK3ESDIM.js";
import {
  findingLinks
} from "./chunk-34TOCUEK.js";

// src/changeset.ts
var emptyTree = {
  ref: "empty tree",
  paths: async () => [],
  read: async () => void 0
};
function numberLines(text) {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.map((content, index) => ({ line: index + 1, text: content }));
}

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    if (typeof options === "function") {
      callback = options;
      options = {};
    } else if ("callback" in options) {
      callback = options.callback;
    }
    const oldString = this.castInput(oldStr, options);
    const newString = this.castInput(newStr, options);
    const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
    const newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    const done = (value) => {
      value = this.postProcess(value, options);
      if (callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return void 0;
      } else {
        return value;
      }
    };
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let editLength = 1;
    let maxEditLength = newLen + oldLen;
    if (options.maxEditLength != null) {
      maxEditLength = Math.min(maxEditLength, options.maxEditLength);
    }
    const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
    const abortAfterTimestamp = Date.now() + maxExecutionTime;
    const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
    let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    }
    let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
    const execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath;
        const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        if (removePath) {
          bestPath[diagonalPath - 1] = void 0;
        }
        let canAdd = false;
        if (addPath) {
          const addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        const canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
          basePath = this.addToPath(addPath, true, false, 0, options);
        } else {
          basePath = this.addToPath(removePath, false, true, 1, options);
        }
        newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
        if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
        } else {
          bestPath[diagonalPath] = basePath;
          if (basePath.oldPos + 1 >= oldLen) {
            maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
          }
          if (newPos + 1 >= newLen) {
            minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
          }
        }
      }
      editLength++;
    };
    if (callback) {
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
            return callback(void 0);
          }
          if (!execEditLength()) {
            exec();
          }
        }, 0);
      })();
    } else {
      while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
        const ret = execEditLength();
        if (ret) {
          return ret;
        }
      }
    }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    const last = path.lastComponent;
    if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
      };
    } else {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: 1, added, removed, previousComponent: last }
      };
    }
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
      newPos++;
      oldPos++;
      commonCount++;
      if (options.oneChangePerToken) {
        basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
    }
    if (commonCount && !options.oneChangePerToken) {
      basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
    }
    basePath.oldPos = oldPos;
    return newPos;
  }
  equals(left, right, options) {
    if (options.comparator) {
      return options.comparator(left, right);
    } else {
      return left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
    }
  }
  removeEmpty(array) {
    const ret = [];
    for (let i = 0; i < array.length; i++) {
      if (array[i]) {
        ret.push(array[i]);
      }
    }
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return false;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    const components = [];
    let nextComponent;
    while (lastComponent) {
      components.push(lastComponent);
      nextComponent = lastComponent.previousComponent;
      delete lastComponent.previousComponent;
      lastComponent = nextComponent;
    }
    components.reverse();
    const componentLen = components.length;
    let componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      const component = components[componentPos];
      if (!component.removed) {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            const oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          });
          component.value = this.join(value);
        } else {
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        }
        newPos += component.count;
        if (!component.added) {
          oldPos += component.count;
        }
      } else {
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
        oldPos += component.count;
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/array.js
var ArrayDiff = class extends Diff {
  tokenize(value) {
    return value.slice();
  }
  join(value) {
    return value;
  }
  removeEmpty(value) {
    return value;
  }
};
var arrayDiff = new ArrayDiff();
function diffArrays(oldArr, newArr, options) {
  return arrayDiff.diff(oldArr, newArr, options);
}

// src/sources/content.ts
var BINARY_PROBE_BYTES = 8e3;
function looksBinary(bytes) {
  return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);
}
function readableText(bytes) {
  if (!looksBinary(bytes)) return { binary: false, text: bytes.toString("utf8") };
  return { binary: true, text: bytes.subarray(0, bytes.indexOf(0)).toString("utf8") };
}
function linesOfContent(bytes) {
  return numberLines(readableText(bytes).text);
}
function linesBeforeNul(lines, textBeforeNul) {
  let nulLine = 1;
  for (let i = textBeforeNul.indexOf("\n"); i >= 0; i = textBeforeNul.indexOf("\n", i + 1)) nulLine++;
  const kept = [];
  for (const line of lines) {
    if (line.line < nulLine) kept.push(line);
    else if (line.line === nulLine) {
      const nul = line.text.indexOf("\0");
      kept.push(nul < 0 ? line : { line: line.line, text: line.text.slice(0, nul) });
    }
  }
  return kept;
}
var MAX_EDITS = 2e4;
function changedLines(before, after) {
  const a = numberLines(before);
  const b = numberLines(after);
  const changes = diffArrays(
    a.map((l) => l.text),
    b.map((l) => l.text),
    { maxEditLength: MAX_EDITS }
  );
  if (!changes) return { added: b, removed: a };
  const added = [];
  const removed = [];
  let oldLine = 1;
  let newLine = 1;
  for (const change of changes) {
    for (const text of change.value) {
      if (change.added) added.push({ line: newLine++, text });
      else if (change.removed) removed.push({ line: oldLine++, text });
      else {
        oldLine++;
        newLine++;
      }
    }
  }
  return { added, removed };
}
function once(make) {
  let value;
  return () => value ??= make();
}
function fileFromPatch(meta, patch, headBytes) {
  const lines = typeof patch === "function" ? once(patch) : async () => patch;
  const inspect = once(async () => {
    if (meta.status === "deleted" || meta.kind === "submodule") return { binary: false, textBeforeNul: "" };
    const bytes = await headBytes();
    if (!bytes) throw new Error(`${meta.path}: could not read its content at head`);
    const { binary, text } = readableText(bytes);
    return { binary, textBeforeNul: binary ? text : "" };
  });
  return {
    path: meta.path,
    previousPath: meta.previousPath,
    status: meta.status,
    kind: meta.kind,
    additions: meta.additions ?? (typeof patch === "function" ? 0 : patch.added.length),
    deletions: meta.deletions ?? (typeof patch === "function" ? 0 : patch.removed.length),
    isBinary: async () => (await inspect()).binary,
    async addedLines() {
      const [{ binary, textBeforeNul }, { added }] = await Promise.all([inspect(), lines()]);
      return binary ? linesBeforeNul(added, textBeforeNul) : added;
    },
    removedLines: async () => (await lines()).removed
  };
}
async function patchFromContents(before, after) {
  return changedLines(before ? readableText(before).text : "", after ? readableText(after).text : "");
}

// src/engine/finding.ts
function counts(finding) {
  return !finding.pre_existing && finding.exemption === null;
}

// src/engine/lifecycle.ts
var RANK = { info: 0, warn: 1, fail: 2 };
function lowerOf(a, b) {
  return RANK[a] <= RANK[b] ? a : b;
}
function severityRank(severity) {
  return RANK[severity];
}
function notEvaluatedReason(standard) {
  if (standard.status === "superseded") return `superseded by ${standard.superseded_by}`;
  return void 0;
}
function applyLifecycle(standard, requested, today) {
  let severity = lowerOf(standard.severity, requested);
  const notes = [];
  if (standard.status === "proposed") {
    severity = "info";
    notes.push("proposed standard, reported for information only");
  }
  if (standard.status === "deprecated") notes.push("this standard is deprecated");
  if (severity === "fail" && standard.enforce_from && today < standard.enforce_from) {
    severity = "warn";
    notes.push(`enforced from ${standard.enforce_from}`);
  }
  return { severity, notes };
}

// src/engine/exemptions.ts
function withNote(finding, note) {
  return { ...finding, message: `${finding.message} (${note})`, notes: [...finding.notes, note] };
}
function applyExemptions(findings, exemptions, context) {
  const { repository, today, config } = context;
  const relevant = exemptions.filter((e) => covers({ ...e, paths: void 0 }, repository, null));
  const counts2 = /* @__PURE__ */ new Map();
  const out = findings.map((finding) => {
    const matching = relevant.filter((e) => e.standard === finding.standard && covers(e, repository, finding.file));
    const active = matching.filter((e) => today <= e.expires).sort((a, b) => b.expires.localeCompare(a.expires))[0];
    if (active) {
      counts2.set(active.id, (counts2.get(active.id) ?? 0) + 1);
      return { ...finding, exemption: { id: active.id, expires: active.expires, approved_by: active.approved_by } };
    }
    const expired = matching.sort((a, b) => b.expires.localeCompare(a.expires))[0];
    if (!expired) return finding;
    counts2.set(expired.id, (counts2.get(expired.id) ?? 0) + 1);
    return withNote(finding, `exemption ${expired.id} expired on ${expired.expires}`);
  });
  const standards = new Map(context.standards.map((s) => [s.id, s]));
  const usage = { applied: [], expired: [], expiring: [], unused: [] };
  for (const exemption of relevant) {
    const used = counts2.get(exemption.id) ?? 0;
    const status = exemptionStatus(exemption, today, config.exemptions.warn_days);
    if (used && status !== "expired") usage.applied.push({ id: exemption.id, standard: exemption.standard, findings: used });
    if (used && status === "expired") usage.expired.push({ id: exemption.id, standard: exemption.standard, expired_on: exemption.expires, findings: used });
    if (!used && context.scan && status !== "expired") usage.unused.push({ id: exemption.id, standard: exemption.standard });
    const standard = standards.get(exemption.standard);
    if (status === "expiring" && standard) {
      const left = daysLeft(exemption, today);
      usage.expiring.push({ id: exemption.id, standard: exemption.standard, expires: exemption.expires, days_left: left });
      out.push({
        standard: standard.id,
        title: standard.title,
        severity: "warn",
        message: `exemption ${exemption.id} (approved by ${exemption.approved_by}) expires on ${exemption.expires}, in ${left} ${left === 1 ? "day" : "days"}: fix what it covers, or renew it in ${exemption.file}`,
        remediation: standard.remediation.trim(),
        file: null,
        line: null,
        links: findingLinks(config, standard, { repository, paths: exemption.paths ?? [], today, exemptionId: context.nextExemptionId }),
        pre_existing: false,
        exemption: null,
        check: "exemption",
        message_id: "exemption-expiring",
        notes: []
      });
    }
  }
  return { findings: out, usage };
}

// src/engine/evaluate.ts
var COULD_NOT_EVALUATE = "could-not-evaluate";
var FILES_IN_FLIGHT = 16;
var REQUIREMENT_REASONS = {
  pr: (cs) => cs.pr ? void 0 : "needs pull request metadata (pass --pr-event, or run in a pull_request workflow)",
  diff: (cs) => cs.mode === "diff" ? void 0 : "judges a change, not a whole-tree scan"
};
function fillTemplate(template, data = {}) {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => name in data ? String(data[name]) : whole);
}
function scopedTree(tree, standard) {
  const { paths, exclude } = standard.applies_to;
  let listing;
  return {
    ref: tree.ref,
    paths: () => listing ??= tree.paths().then((all) => all.filter((path) => inScope(path, paths, exclude))),
    read: (path) => tree.read(path)
  };
}
function resultKey(result) {
  return JSON.stringify([result.messageId, result.file ?? null, result.data ?? {}]);
}
function prepare(standard) {
  const { type: _type, ...options } = standard.check;
  return { standard, check: checksByType.get(standard.check.type), options };
}
function failure(error, file) {
  const reason = error instanceof Error ? error.message : String(error);
  return { messageId: COULD_NOT_EVALUATE, file, data: { reason } };
}
async function evaluateStandard({ standard, check, options }, context) {
  const { changeSet, today, teams } = context;
  const files = changeSet.files.filter((file) => inScope(file.path, standard.applies_to.paths, standard.applies_to.exclude));
  if (check.scope === "change" && files.length === 0) return { results: [], preExisting: /* @__PURE__ */ new Set() };
  const run = (tree) => check.evaluate({ options, files, tree: scopedTree(tree, standard), changeSet, pr: changeSet.pr, today, teams });
  let results;
  try {
    results = await run(changeSet.head);
    const unknown = results.find((r) => !(r.messageId in check.messages));
    if (unknown) throw new Error(`check "${check.type}" reported unknown message id "${unknown.messageId}"`);
  } catch (error) {
    return { results: [failure(error)], preExisting: /* @__PURE__ */ new Set() };
  }
  const preExisting = /* @__PURE__ */ new Set();
  if (check.scope === "repo" && changeSet.mode === "diff" && results.length) {
    try {
      for (const result of await run(changeSet.base)) preExisting.add(resultKey(result));
    } catch {
    }
  }
  return { results, preExisting };
}
function contentOf(file, head) {
  let added;
  let text;
  return {
    addedLines: () => added ??= file.addedLines(),
    headText: () => text ??= head.read(file.path)
  };
}
async function forEachLimited(items, limit, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
async function evaluateFiles(prepared, context) {
  const byStandard = new Map(prepared.map((p) => [p.standard, []]));
  if (!prepared.length) return byStandard;
  const { changeSet, today, teams } = context;
  await forEachLimited(changeSet.files, FILES_IN_FLIGHT, async (file) => {
    if (file.status === "deleted") return;
    const applicable = prepared.filter(({ standard }) => inScope(file.path, standard.applies_to.paths, standard.applies_to.exclude));
    if (!applicable.length) return;
    const content = contentOf(file, changeSet.head);
    for (const { standard, check, options } of applicable) {
      const results = byStandard.get(standard);
      try {
        const found = await check.evaluateFile({ options, file, content, changeSet, today, teams });
        const unknown = found.find((r) => !(r.messageId in check.messages));
        if (unknown) throw new Error(`check "${check.type}" reported unknown message id "${unknown.messageId}"`);
        results.push(...found);
      } catch (error) {
        results.push(failure(error, file.path));
      }
    }
  });
  return byStandard;
}
function toFinding(standard, check, result, preExisting, changeSet, options) {
  const isFailure = result.messageId === COULD_NOT_EVALUATE;
  const { severity, notes } = isFailure ? standard.status === "proposed" ? applyLifecycle(standard, "info", options.today) : { severity: "fail", notes: [] } : applyLifecycle(standard, result.severity ?? standard.severity, options.today);
  const links = findingLinks(options.config, standard, { repository: changeSet.repository, paths: result.file ? [result.file] : [], today: options.today, exemptionId: options.exemptionId });
  const base = isFailure ? `${standard.id} could not be evaluated${result.file ? ` on ${result.file}` : ""}: ${result.data?.reason}` : fillTemplate(check.messages[result.messageId], { ...result.data, standard_link: links.standard, propose_link: links.propose });
  return {
    standard: standard.id,
    title: standard.title,
    severity,
    message: notes.length ? `${base} (${notes.join("; ")})` : base,
    remediation: standard.remediation.trim(),
    file: result.file ?? null,
    line: result.line ?? null,
    links,
    pre_existing: preExisting,
    exemption: null,
    check: check.type,
    message_id: result.messageId,
    notes
  };
}
function compareFindings(a, b) {
  return Number(a.pre_existing) - Number(b.pre_existing) || severityRank(b.severity) - severityRank(a.severity) || a.standard.localeCompare(b.standard) || (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0);
}
function summarise(findings) {
  const summary = { fail: 0, warn: 0, info: 0, exempted: 0, pre_existing: 0 };
  for (const finding of findings) {
    if (finding.exemption) summary.exempted++;
    else if (finding.pre_existing) summary.pre_existing++;
    if (counts(finding)) summary[finding.severity]++;
  }
  return summary;
}
async function evaluate(standards, changeSet, options) {
  const findings = [];
  const skipped = [];
  const exemptionId = nextExemptionId(options.exemptions ?? []);
  const context = { changeSet, today: options.today, teams: options.teams ?? TeamRegistry.empty() };
  const evaluated = [];
  for (const standard of standards) {
    const prepared = prepare(standard);
    const reason = notEvaluatedReason(standard) ?? prepared.check.requires?.map((req) => REQUIREMENT_REASONS[req](changeSet)).find(Boolean);
    if (reason) skipped.push({ standard: standard.id, title: standard.title, reason });
    else evaluated.push(prepared);
  }
  const perFile = await evaluateFiles(
    evaluated.filter((p) => p.check.evaluateFile),
    context
  );
  for (const prepared of evaluated) {
    const { results, preExisting } = prepared.check.evaluateFile ? { results: perFile.get(prepared.standard), preExisting: /* @__PURE__ */ new Set() } : await evaluateStandard(prepared, context);
    for (const result of results) {
      findings.push(toFinding(prepared.standard, prepared.check, result, preExisting.has(resultKey(result)), changeSet, { ...options, exemptionId }));
    }
  }
  const exempted = applyExemptions(findings, options.exemptions ?? [], {
    repository: changeSet.repository,
    today: options.today,
    config: options.config,
    standards,
    scan: changeSet.mode === "scan",
    nextExemptionId: exemptionId
  });
  exempted.findings.sort(compareFindings);
  const summary = summarise(exempted.findings);
  const facts = {};
  for (const family of families) {
    const value = await family.facts?.(changeSet, standards);
    if (value !== void 0) facts[family.name] = value;
  }
  return {
    verdict: summary.fail > 0 ? "fail" : "pass",
    summary,
    findings: exempted.findings,
    skipped,
    facts,
    exemptions: exempted.usage,
    context: {
      mode: changeSet.mode,
      repository: changeSet.repository ?? null,
      base: changeSet.base.ref,
      head: changeSet.head.ref,
      date: options.today,
      standards: standards.length
    },
    notices: [...options.notices ?? [], ...changeSet.notices ?? []]
  };
}

export {
  emptyTree,
  readableText,
  linesOfContent,
  changedLines,
  fileFromPatch,
  patchFromContents,
  evaluate
};
