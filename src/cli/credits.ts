import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  describePolicy,
  evaluate,
  formatProblem,
  isPresetName,
  parseEvaluationInput,
  parsePolicy,
  PRESET_NAMES,
  PRESETS,
  UNIT_NAMES,
  type Policy,
} from "../credits/index.js";

/**
 * Command line of the credit engine (the only place in the engine that touches files or the terminal).
 *   credits evaluate --policy <preset-or-file> --input <file.json>   one JSON object on stdout
 *   credits presets [--json]                                         the built-in presets
 *   credits explain --policy <preset-or-file>                        the rules as Chinese text
 * Exit codes: 0 done, 1 bad policy or input (each problem on stderr, naming file, record and field), 2 usage.
 */

const USAGE = `usage:
  credits evaluate --policy <preset-or-file> --input <file.json>
  credits presets [--json]
  credits explain --policy <preset-or-file>
presets: ${PRESET_NAMES.join(", ")}`;

class UsageError extends Error {}

/** A failure the user can fix; each line names the file and, when known, the record and field. */
class InputError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join("\n"));
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new InputError([`${file}: cannot read file (${code})`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError([`${file}: invalid JSON: ${(error as Error).message}`]);
  }
}

function looksLikePath(value: string): boolean {
  return value.includes("/") || value.includes("\\") || value.endsWith(".json") || existsSync(value);
}

function loadPolicy(choice: string | undefined): Policy {
  if (choice === undefined || choice === "") throw new UsageError("--policy is required");
  if (isPresetName(choice)) return PRESETS[choice];
  if (!looksLikePath(choice)) {
    throw new InputError([`unknown preset "${choice}" (and no file of that name); presets: ${PRESET_NAMES.join(", ")}`]);
  }
  const parsed = parsePolicy(readJson(choice));
  if (!parsed.ok) throw new InputError(parsed.problems.map((problem) => `${choice}: ${formatProblem(problem)}`));
  return parsed.value;
}

/** Width on a terminal, where a CJK character takes two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += (character.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return width;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, displayWidth(cell))));
  return rows
    .map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell + " ".repeat((widths[index] ?? 0) - displayWidth(cell)))).join("  "))
    .join("\n");
}

function listPresets(asJson: boolean): string {
  const presets = PRESET_NAMES.map((name) => PRESETS[name]);
  if (asJson) {
    return JSON.stringify(
      presets.map((policy) => ({ name: policy.id, region: policy.region, unit: policy.unit, total: policy.total.required, cycleYears: policy.cycle.years })),
      null,
      2,
    );
  }
  const rows = presets.map((policy) => [
    policy.id,
    policy.region,
    UNIT_NAMES[policy.unit],
    `${policy.total.required} ${UNIT_NAMES[policy.unit]} / ${policy.cycle.years} 年`,
  ]);
  return table([["name", "地区", "单位", "周期要求"], ...rows]);
}

function run(argv: readonly string[]): string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { policy: { type: "string" }, input: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (values.help === true) return USAGE;
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra.join(" ")}`);

  switch (command) {
    case "evaluate": {
      const policy = loadPolicy(values.policy);
      if (values.input === undefined || values.input === "") throw new UsageError("--input is required");
      const file = values.input;
      const input = parseEvaluationInput(readJson(file));
      if (!input.ok) throw new InputError(input.problems.map((problem) => `${file}: ${formatProblem(problem)}`));
      return JSON.stringify(evaluate(policy, input.value), null, 2);
    }
    case "presets":
      return listPresets(values.json === true);
    case "explain":
      return describePolicy(loadPolicy(values.policy));
    case undefined:
      throw new UsageError("missing command");
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

try {
  process.stdout.write(`${run(process.argv.slice(2))}\n`);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`credits: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof InputError) {
    process.stderr.write(`${error.lines.join("\n")}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
