import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// Runs the real command line, as `npm run credits` does, and checks exit codes and messages.
const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "src/cli/credits.ts");

function credits(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir = "";
const file = (name: string, content: string) => {
  const full = path.join(dir, name);
  writeFileSync(full, content);
  return full;
};

const goodRecord = { id: "r1", date: "2021-07-10", mode: "centralized", category: "required", level: "provincial", hours: 40, result: "excellent", approved: true };

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "credits-cli-"));
});

describe("credits CLI", () => {
  it("evaluate prints one JSON object", () => {
    const input = file("input.json", JSON.stringify({ asOf: "2025-06-30", teacher: { id: "t1", hiredOn: "2015-09-01" }, records: [goodRecord] }));
    const { code, stdout, stderr } = credits("evaluate", "--policy", "bozhou", "--input", input);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { policy: string; unit: string; met: boolean; total: unknown; records: { explain: string }[] };
    expect(output).toMatchObject({ policy: "bozhou", unit: "credit", met: false, total: { earned: 11.5, required: 90 } });
    expect(output.records[0]?.explain).toBe("集中培训 40 学时 ÷ 4 = 10 学分，自治区级优秀 +15% → 11.5 学分");
  });

  it("evaluate accepts a policy file", () => {
    const input = file("input-custom.json", JSON.stringify({ asOf: "2023-06-30", teacher: { id: "t1" }, records: [goodRecord] }));
    const { code, stdout } = credits("evaluate", "--policy", path.join(ROOT, "templates/policies/example-custom.json"), "--input", input);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ policy: "example-county", total: { earned: 14.67 } });
  });

  it("presets lists every preset with region, unit and total", () => {
    const { code, stdout } = credits("presets");
    expect(code).toBe(0);
    for (const name of ["bozhou", "yunyang", "lanxi", "qianjiang", "suixian", "district90", "shandong-remote"]) expect(stdout).toContain(name);
    expect(stdout).toMatch(/bozhou\s+新疆博尔塔拉蒙古自治州（博州）\s+学分\s+90 学分 \/ 5 年/);
    const json = JSON.parse(credits("presets", "--json").stdout) as { name: string; total: number }[];
    expect(json.find((preset) => preset.name === "yunyang")?.total).toBe(120);
  });

  it("explain prints the policy as Chinese text with rule ids", () => {
    const { code, stdout } = credits("explain", "--policy", "bozhou");
    expect(code).toBe(0);
    expect(stdout).toContain("必修课程：不少于 60 学分〔B2〕");
    expect(stdout).toContain("集中培训 4 学时 = 1 学分");
  });

  it("an unknown preset exits 1 naming it", () => {
    const input = file("ok.json", JSON.stringify({ asOf: "2025-06-30", teacher: { id: "t1" }, records: [] }));
    const { code, stderr } = credits("evaluate", "--policy", "atlantis", "--input", input);
    expect(code).toBe(1);
    expect(stderr).toContain('unknown preset "atlantis"');
  });

  it("an unreadable input file exits 1 naming the file", () => {
    const missing = path.join(dir, "missing.json");
    const { code, stderr } = credits("evaluate", "--policy", "bozhou", "--input", missing);
    expect(code).toBe(1);
    expect(stderr).toBe(`${missing}: cannot read file (ENOENT)\n`);
  });

  it("invalid JSON exits 1 naming the file", () => {
    const broken = file("broken.json", "{ not json");
    const { code, stderr } = credits("evaluate", "--policy", "bozhou", "--input", broken);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: invalid JSON`));
  });

  it("a record missing a field exits 1 naming file, record id and field", () => {
    const { hours: _hours, ...withoutHours } = goodRecord;
    const input = file(
      "input.json",
      JSON.stringify({ asOf: "2025-06-30", teacher: { id: "t1" }, records: [goodRecord, { ...goodRecord, id: "r2" }, { ...withoutHours, id: "r3" }] }),
    );
    const { code, stdout, stderr } = credits("evaluate", "--policy", "bozhou", "--input", input);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${input}: records[2] (id r3): hours: required`);
  });

  it("an invalid policy file exits 1 listing every problem", () => {
    const policy = file("policy.json", JSON.stringify({ id: "x", name: "x", region: "x", unit: "credit", total: { required: -1, source: "B1" } }));
    const input = file("ok2.json", JSON.stringify({ asOf: "2025-06-30", teacher: { id: "t1" }, records: [] }));
    const { code, stderr } = credits("evaluate", "--policy", policy, "--input", input);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([`${policy}: cycle: required`, `${policy}: total.required: must be ≥ 0`]);
  });

  it("usage errors exit 2", () => {
    expect(credits("evaluate", "--input", "x.json")).toMatchObject({ code: 2 });
    expect(credits("frobnicate").code).toBe(2);
    expect(credits("presets", "--colour").code).toBe(2);
  });
});
