import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  dashboardData,
  renderDashboard
} from "./chunk-RRLWPERI.js";
import "./chunk-QMKHOC55.js";
import {
  loadTrusted,
  standardsRoot
} from "./chunk-NVSOLWZF.js";
import "./chunk-EK3ESDIM.js";
import "./chunk-X254CNPU.js";
import {
  ConfigError,
  EXIT,
  today
} from "./chunk-RH4BDJS2.js";
import "./chunk-34TOCUEK.js";
import "./chunk-L3UC3SYL.js";
import "./chunk-V4RWK56N.js";

// src/cli/dashboard.ts
import { resolve } from "node:path";

// src/dashboard/build.ts
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
async function readReports(dir) {
  let names;
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    throw new ConfigError([{ file: dir, line: 1, column: 1, field: "", message: "cannot read this reports folder" }]);
  }
  const reports = [];
  const problems = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      const report = JSON.parse(await readFile(file, "utf8"));
      if (!report || !Array.isArray(report.findings) || !report.summary || !report.context) throw new Error("not a standards report (no findings, summary and context)");
      report.exemptions ??= { applied: [], expired: [], expiring: [], unused: [] };
      report.facts ??= {};
      reports.push(report);
    } catch (error) {
      problems.push({ file, line: 1, column: 1, field: "", message: `${error.message}; expected the output of \`standards scan --format json\`` });
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return reports;
}
async function buildDashboard(out, input) {
  const data = dashboardData(input);
  await mkdir(out, { recursive: true });
  const index = join(out, "index.html");
  await writeFile(index, renderDashboard(data));
  await writeFile(join(out, "data.json"), `${JSON.stringify(data, null, 2)}
`);
  return { index, data };
}

// src/cli/dashboard.ts
async function dashboard(io, options) {
  const { config, standards, exemptions } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const reports = options.reports ? await readReports(resolve(io.cwd, options.reports)) : [];
  const { index, data } = await buildDashboard(resolve(io.cwd, options.out), { config, standards, exemptions, reports, today: today(options.date) });
  io.stdout.write(`Wrote ${index} (${data.rows.length} exemptions${reports.length ? `, ${reports.length} reports` : ""}).
`);
  return EXIT.pass;
}
export {
  dashboard
};
