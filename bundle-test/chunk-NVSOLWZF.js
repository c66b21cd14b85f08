import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  CONFIG_FILE,
  RULES_DIR,
  loadConfig,
  loadExemptions,
  loadStandards,
  loadTeams,
  readRepoState,
  workTreeTop
} from "./chunk-EK3ESDIM.js";
import {
  PACKAGE_ROOT
} from "./chunk-X254CNPU.js";
import {
  ConfigError,
  UsageError
} from "./chunk-RH4BDJS2.js";

// src/standards/trusted.ts
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
function standardsLocation(explicit, env, cwd, flag = "--standards") {
  if (explicit !== void 0) {
    if (!explicit.trim()) throw new UsageError(`${flag} is empty; name the folder of the trusted standards checkout`);
    return { root: resolve(cwd, explicit), from: "option" };
  }
  if (env.STANDARDS_DIR !== void 0) {
    if (!env.STANDARDS_DIR.trim()) throw new UsageError("STANDARDS_DIR is set but empty; set it to the folder of the trusted standards checkout, or unset it");
    return { root: resolve(cwd, env.STANDARDS_DIR), from: "env" };
  }
  return { root: PACKAGE_ROOT, from: "package" };
}
function standardsRoot(explicit, env, cwd) {
  return standardsLocation(explicit, env, cwd).root;
}
async function ensureFolder(root) {
  const info = await stat(root).catch(() => void 0);
  if (!info) throw new UsageError(`the standards folder ${root} does not exist; point --standards or STANDARDS_DIR at a checkout of the standards repository`);
  if (!info.isDirectory()) throw new UsageError(`the standards folder ${root} is not a folder; point --standards or STANDARDS_DIR at a checkout of the standards repository`);
}
async function loadTrusted(root) {
  await ensureFolder(root);
  const [config, standards, teams] = await Promise.allSettled([loadConfig(root), loadStandards(root), loadTeams(root)]);
  if (config.status === "fulfilled" && standards.status === "fulfilled" && teams.status === "fulfilled") {
    const exemptions = await loadExemptions(root, standards.value, teams.value, config.value);
    return { root, config: config.value, standards: standards.value, teams: teams.value, exemptions, notices: [] };
  }
  const failures = [config, standards, teams].flatMap((result) => result.status === "rejected" ? [result.reason] : []);
  const unexpected = failures.find((error) => !(error instanceof ConfigError));
  if (unexpected) throw unexpected;
  throw new ConfigError(failures.flatMap((error) => error.diagnostics));
}
async function loadTrustedFromTree(tree, root) {
  const state = await readRepoState(tree);
  if (state.diagnostics.length) throw new ConfigError(state.diagnostics);
  if (!state.config) throw new ConfigError([{ file: CONFIG_FILE, line: 1, column: 1, field: "", message: `not found at ${tree.ref}; the standards repository needs one (see README: "Organisation settings")` }]);
  if (!state.standards?.length) throw new ConfigError([{ file: `${RULES_DIR}/`, line: 1, column: 1, field: "", message: `no rule files at ${tree.ref}; a standards repository is judged by the standards of its base commit` }]);
  return { root, config: state.config, standards: state.standards, teams: state.teams, exemptions: state.exemptions ?? [], notices: [] };
}
async function reviewedTop(repo) {
  const top = await workTreeTop(repo) ?? repo;
  return realpath(top).catch(() => resolve(top));
}
async function loadTrustedFor(location, subject) {
  await ensureFolder(location.root);
  const [top, root] = await Promise.all([reviewedTop(subject.repo), realpath(location.root)]);
  const inside = relative(top, root);
  const where = location.from === "env" ? `STANDARDS_DIR=${location.root}` : location.from === "option" ? `--standards ${location.root}` : `the package's own standards (${location.root})`;
  const notices = location.from === "package" ? [`no standards folder was given, so these are the example standards shipped with standards-bot, not your organisation's: set STANDARDS_DIR or pass --standards`] : [];
  if (inside.startsWith("..") || isAbsolute(inside)) return { ...await loadTrusted(location.root), notices };
  const { changeSet } = subject;
  if (inside === "") {
    const judged = changeSet.mode === "diff" ? changeSet.base : changeSet.head;
    const trusted = await loadTrustedFromTree(judged, location.root);
    return { ...trusted, notices: [...notices, `the standards repository is judged by its own standards as committed at ${judged.ref}, not by the files this change writes`] };
  }
  const prefix = `${inside.split("\\").join("/")}/`;
  const tracked = async (tree) => (await tree.paths()).some((path) => path.startsWith(prefix));
  if (await tracked(changeSet.head) || await tracked(changeSet.base)) {
    throw new UsageError(
      `${where} is inside the repository under review (${top}), which tracks files there: a pull request could write the standards it is judged by. Check the standards repository out somewhere the change does not control.`
    );
  }
  return { ...await loadTrusted(location.root), notices };
}

export {
  standardsLocation,
  standardsRoot,
  loadTrusted,
  loadTrustedFor
};
