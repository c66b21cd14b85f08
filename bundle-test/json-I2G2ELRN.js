import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import "./chunk-V4RWK56N.js";

// src/report/json.ts
function renderJson(report) {
  return `${JSON.stringify(report, null, 2)}
`;
}
export {
  renderJson
};
