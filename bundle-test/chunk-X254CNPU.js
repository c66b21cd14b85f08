import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/package.ts
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
var PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
function packageVersion() {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8"));
  return manifest.version ?? "0.0.0";
}

export {
  PACKAGE_ROOT,
  packageVersion
};
