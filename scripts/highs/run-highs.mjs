// run-highs.mjs: solve an MPS model with HiGHS (the npm package highs, a
// WebAssembly build, single-threaded: it takes no threads option) and print one line
// "objective bound gap seconds status lp_root", as scripts/bench-assign.sh
// reads it.
//
// usage: node run-highs.mjs MODEL.mps SECONDS [TRACE]
//   TRACE, when given, receives "seconds objective bound" lines as the
//   incumbent and the bound move (from HiGHS's MIP logging callback).
//   lp_root is the objective of the LP relaxation, solved first on its own
//   (its time is not counted in seconds).
import fs from "node:fs";
import loadHighs from "highs";

const [file, seconds, trace] = process.argv.slice(2);
if (!file || !seconds) {
  console.error("usage: node run-highs.mjs MODEL.mps SECONDS [TRACE]");
  process.exit(2);
}
const highs = await loadHighs();
const data = fs.readFileSync(file);

// The LP relaxation alone.
let lpRoot = NaN;
{
  const model = highs.createModel({ format: "mps", data });
  try {
    model.options.set({ output_flag: false, solve_relaxation: true, time_limit: Number(seconds) });
    model.run();
    lpRoot = model.getObjectiveValue();
  } finally {
    model.dispose();
  }
}

const model = highs.createModel({ format: "mps", data });
const lines = [];
let last = "";
const note = (d) => {
  if (d.mip_primal_bound === undefined || d.mip_dual_bound === undefined) return;
  const l = `${d.mip_primal_bound} ${d.mip_dual_bound}`;
  if (l !== last) {
    last = l;
    lines.push(`${(d.running_time ?? 0).toFixed(3)} ${l}`);
  }
};
try {
  model.options.set({ output_flag: false, time_limit: Number(seconds), mip_rel_gap: 1e-6 });
  const t0 = process.hrtime.bigint();
  model.run({
    [highs.constants.callbackType.mipLogging](e) { note(e.data); },
    [highs.constants.callbackType.mipImprovingSolution](e) { note(e.data); },
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const obj = model.getObjectiveValue();
  const bound = model.info.get("mip_dual_bound");
  const gap = model.info.get("mip_gap");
  const status = model.getModelStatus();
  const name = Object.entries(highs.constants.modelStatus).find(([, v]) => v === status)?.[0] ?? String(status);
  lines.push(`${wall.toFixed(3)} ${obj} ${bound}`);
  if (trace) fs.writeFileSync(trace, lines.join("\n") + "\n");
  console.log(`${obj} ${bound} ${gap} ${wall.toFixed(3)} ${name} ${lpRoot}`);
} finally {
  model.dispose();
}
