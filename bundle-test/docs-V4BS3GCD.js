import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  generatedFiles
} from "./chunk-ASUBPSMG.js";
import "./chunk-KGNMVM34.js";
import "./chunk-3QKIYBWS.js";
import {
  loadTrusted,
  standardsRoot
} from "./chunk-NVSOLWZF.js";
import "./chunk-EK3ESDIM.js";
import "./chunk-X254CNPU.js";
import {
  EXIT
} from "./chunk-RH4BDJS2.js";
import "./chunk-34TOCUEK.js";
import "./chunk-L3UC3SYL.js";
import "./chunk-V4RWK56N.js";

// src/cli/docs.ts
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
async function docs(io, options) {
  const { standards, config, root } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const stale = [];
  for (const file of generatedFiles(standards, config)) {
    const path = join(root, file.path);
    const current = await readFile(path, "utf8").catch(() => void 0);
    if (current === file.content) continue;
    stale.push(file.path);
    if (!options.check) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    }
  }
  if (options.check) {
    if (stale.length) io.stderr.write(`${stale.join(", ")} ${stale.length === 1 ? "is" : "are"} out of date with the rule files; run \`standards docs\` and commit the result.
`);
    else io.stdout.write("Generated files are up to date.\n");
    return stale.length ? EXIT.fail : EXIT.pass;
  }
  io.stdout.write(stale.length ? `Wrote ${stale.join(", ")}.
` : "Generated files were already up to date.\n");
  return EXIT.pass;
}
export {
  docs
};
