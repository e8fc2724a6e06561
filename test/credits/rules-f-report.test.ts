import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PRESET_NAMES } from "../../src/credits/presets/index.js";
import { record, run } from "./support.js";

const ENGINE_DIR = path.resolve(import.meta.dirname, "../../src/credits");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith(".ts") ? [full] : [];
  });
}

describe("F. what the engine reports", () => {
  it.each(PRESET_NAMES)("F %s reports totals, categories, floors, years, every record explained, and why", (name) => {
    const records = [
      record({ id: "ok", date: "2023-04-01", mode: "online", tags: ["remote_training"] }),
      record({ id: "failed", date: "2023-04-01", result: "fail" }),
    ];
    const evaluation = run(name, records, { asOf: "2023-06-30" });
    expect(evaluation.policy).toBe(name);
    expect(evaluation.total.required).toBeGreaterThan(0);
    expect(Object.keys(evaluation)).toEqual([
      "policy",
      "unit",
      "asOf",
      "cycle",
      "met",
      "reason",
      "total",
      "categories",
      "floors",
      "years",
      "records",
      "assessments",
      "consequences",
      "shortfalls",
      "suggestions",
      "notes",
    ]);
    expect(evaluation.records.map((entry) => entry.id).sort()).toEqual(["failed", "ok"]);
    for (const entry of evaluation.records) expect(entry.explain.length).toBeGreaterThan(4);
    expect(evaluation.years.length).toBeGreaterThan(0);
    expect(evaluation.reason).toMatch(evaluation.met ? /已全部完成/ : /尚未达标/);
    expect(evaluation.met).toBe(evaluation.shortfalls.every((shortfall) => shortfall.scope === "year"));
  });

  it("F the same input gives the same output, as JSON, twice", () => {
    const records = [record({ level: "provincial", result: "excellent" }), record({ mode: "online", hours: 13 })];
    expect(JSON.stringify(run("bozhou", records))).toBe(JSON.stringify(run("bozhou", records)));
  });

  it("F the engine is pure: no clock, no environment, no I/O, no platform in src/credits", () => {
    const forbidden = [/Date\.now/, /new Date\(/, /process\./, /toISOString/, /from "node:/, /wecom|dingtalk/i, /企业微信|钉钉/];
    const offenders = sourceFiles(ENGINE_DIR).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return forbidden.filter((pattern) => pattern.test(text)).map((pattern) => `${path.basename(file)}: ${String(pattern)}`);
    });
    expect(offenders).toEqual([]);
  });
});
