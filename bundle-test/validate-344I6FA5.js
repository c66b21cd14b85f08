import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  loadTrusted,
  standardsRoot
} from "./chunk-NVSOLWZF.js";
import "./chunk-EK3ESDIM.js";
import "./chunk-X254CNPU.js";
import {
  EXIT
} from "./chunk-RH4BDJS2.js";
import "./chunk-L3UC3SYL.js";
import "./chunk-V4RWK56N.js";

// src/cli/validate.ts
async function validate(io, options) {
  const { standards, exemptions, root } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  io.stdout.write(`${standards.length} standards and ${exemptions.length} exemptions in ${root} are valid.
`);
  return EXIT.pass;
}
export {
  validate
};
