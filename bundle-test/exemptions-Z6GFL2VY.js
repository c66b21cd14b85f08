import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  exemptionRows,
  filterRows,
  renderExemptionsText
} from "./chunk-QMKHOC55.js";
import {
  loadTrusted,
  standardsRoot
} from "./chunk-NVSOLWZF.js";
import "./chunk-EK3ESDIM.js";
import "./chunk-X254CNPU.js";
import {
  EXIT,
  today
} from "./chunk-RH4BDJS2.js";
import "./chunk-L3UC3SYL.js";
import "./chunk-V4RWK56N.js";

// src/cli/exemptions.ts
async function exemptions(io, options) {
  const { exemptions: exemptions2, standards, config } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const rows = exemptionRows(exemptions2, standards, today(options.date), config.exemptions.warn_days);
  const shown = filterRows(rows, options);
  io.stdout.write(options.format === "json" ? `${JSON.stringify({ exemptions: shown }, null, 2)}
` : renderExemptionsText(shown, rows.length));
  return EXIT.pass;
}
export {
  exemptions
};
