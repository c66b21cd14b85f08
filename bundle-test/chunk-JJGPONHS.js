import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  evaluate
} from "./chunk-B5I2H64X.js";
import {
  loadTrustedFor,
  standardsLocation
} from "./chunk-NVSOLWZF.js";
import {
  gitMaybe,
  nextExemptionId
} from "./chunk-EK3ESDIM.js";
import {
  packageVersion
} from "./chunk-X254CNPU.js";
import {
  EXIT,
  today,
  useColour
} from "./chunk-RH4BDJS2.js";
import {
  proposalProcessLink
} from "./chunk-34TOCUEK.js";

// src/sources/repository-name.ts
function repositoryFromRemote(url) {
  const match = /^(?:[a-z+]+:\/\/(?:[^@/]+@)?[^/]+\/|[^@\s]+@[^:]+:)([^/]+\/[^/]+?)(?:\.git)?\/?$/i.exec(url.trim());
  return match?.[1];
}
async function repositoryName(options) {
  if (options.explicit) return options.explicit;
  if (options.env.GITHUB_REPOSITORY) return options.env.GITHUB_REPOSITORY;
  if (options.fromEvent) return options.fromEvent;
  const origin = await gitMaybe(options.repo, ["remote", "get-url", "origin"]);
  return origin ? repositoryFromRemote(origin) : void 0;
}

// src/cli/report.ts
import { appendFile } from "node:fs/promises";
import { resolve } from "node:path";
async function render(report, format, io, context, date) {
  const proposalProcess = proposalProcessLink(context.config);
  if (format === "json") return (await import("./json-I2G2ELRN.js")).renderJson(report);
  if (format === "markdown") return (await import("./markdown-Z4IOHMWA.js")).renderMarkdown(report, { proposalProcess });
  if (format === "sarif") {
    const { renderSarif } = await import("./sarif-F25WGTG3.js");
    return renderSarif(report, { standards: context.standards, config: context.config, version: packageVersion(), today: date, nextExemptionId: nextExemptionId(context.exemptions) });
  }
  if (format === "github") {
    if (io.env.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, (await import("./markdown-Z4IOHMWA.js")).renderMarkdown(report, { proposalProcess }));
    return (await import("./github-JDIIWAX7.js")).renderGithub(report);
  }
  return (await import("./text-NF6L2PK3.js")).renderText(report, { color: useColour(io) });
}
async function runReport(io, options, open) {
  const date = today(options.date);
  const location = standardsLocation(options.standards, io.env, io.cwd);
  const repo = resolve(io.cwd, options.repo);
  const source = await open(repo);
  try {
    const context = await loadTrustedFor(location, { repo, changeSet: source.changeSet });
    const { config, standards, teams, exemptions, notices } = context;
    const report = await evaluate(standards, source.changeSet, { config, today: date, teams, exemptions, notices });
    io.stdout.write(await render(report, options.format, io, context, date));
    return report.verdict === "fail" ? EXIT.fail : EXIT.pass;
  } finally {
    source.close();
  }
}

export {
  repositoryName,
  runReport
};
