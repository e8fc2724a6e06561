import { formatProblem } from "../problems.js";
import { parsePolicy, type Policy, type PolicyInput } from "../policy-schema.js";
import { bozhou } from "./bozhou.js";
import { district90 } from "./district90.js";
import { lanxi } from "./lanxi.js";
import { qianjiang } from "./qianjiang.js";
import { shandongRemote } from "./shandong-remote.js";
import { suixian } from "./suixian.js";
import { yunyang } from "./yunyang.js";

export const PRESET_NAMES = ["bozhou", "yunyang", "lanxi", "qianjiang", "suixian", "district90", "shandong-remote"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const PRESET_DOCUMENTS: Readonly<Record<PresetName, PolicyInput>> = {
  bozhou,
  yunyang,
  lanxi,
  qianjiang,
  suixian,
  district90,
  "shandong-remote": shandongRemote,
};

function load(name: PresetName): Policy {
  const parsed = parsePolicy(PRESET_DOCUMENTS[name]);
  if (!parsed.ok) throw new Error(`preset ${name} is invalid: ${parsed.problems.map(formatProblem).join("; ")}`);
  return parsed.value;
}

/** Presets are validated through the same schema as policy files, so they cannot drift from it. */
export const PRESETS: Readonly<Record<PresetName, Policy>> = Object.fromEntries(
  PRESET_NAMES.map((name) => [name, load(name)]),
) as Record<PresetName, Policy>;

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}
