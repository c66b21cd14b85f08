import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  cell,
  linksCell,
  renderMarkdown
} from "./chunk-KGNMVM34.js";
import "./chunk-3QKIYBWS.js";
import "./chunk-V4RWK56N.js";
export {
  cell,
  linksCell,
  renderMarkdown
};
