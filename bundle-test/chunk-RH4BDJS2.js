import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/diagnostics.ts
function formatDiagnostic(d) {
  const where = `${d.file}:${d.line}:${d.column}`;
  return d.field ? `${where}: ${d.field}: ${d.message}` : `${where}: ${d.message}`;
}
var ConfigError = class extends Error {
  diagnostics;
  constructor(diagnostics) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "ConfigError";
    this.diagnostics = diagnostics;
  }
};
var UsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};

// src/cli/shared.ts
var EXIT = { pass: 0, fail: 1, usage: 2 };
var FORMATS = ["text", "json", "markdown", "sarif", "github"];
function today(explicit) {
  if (explicit === void 0) return (/* @__PURE__ */ new Date()).toISOString().slice(0, 10);
  const parsed = /* @__PURE__ */ new Date(`${explicit}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(explicit) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== explicit) {
    throw new UsageError(`--date ${explicit}: not a valid date; use YYYY-MM-DD`);
  }
  return explicit;
}
function useColour(io) {
  return Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && io.env.TERM !== "dumb";
}

export {
  formatDiagnostic,
  ConfigError,
  UsageError,
  EXIT,
  FORMATS,
  today,
  useColour
};
