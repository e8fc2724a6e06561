import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueAdminToken } from "../../src/domain/admin-tokens.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { adminRouter } from "../../src/http/admin/router.js";
import { buildApp } from "../../src/http/app.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";
import { serveApp } from "../support/http.js";
import { capturingLogger } from "../support/logger.js";
import { longRosterXlsx, lyingBombXlsx, zipBombXlsx } from "../support/hostile-xlsx.js";
import { csvTextOf, gb18030Of, sheetValues, xlsxOf } from "../support/spreadsheets.js";
import { testSecretBox } from "../support/secrets.js";

const now = new Date("2026-11-23T02:00:00Z");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe.each(databaseKinds)("admin API spreadsheets on %s", (kind) => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof serveApp>>;
  const tokens: Record<string, string> = {};
  const schools: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemoData(database.prisma, "2026-11-23");
    for (const who of ["A0001", "T0001", "T0002"]) {
      const person = await database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: who } });
      tokens[who] = (await issueAdminToken(database.prisma, { teacherId: person.id, label: "test", createdBy: "test" })).token;
    }
    for (const school of await database.prisma.school.findMany()) schools[school.code] = school.id;
    const app = buildApp({ logger: capturingLogger().logger, readinessChecks: [], routers: [adminRouter({ prisma: database.prisma, now: () => now, secrets: testSecretBox() })] });
    server = await serveApp(app);
  });
  afterAll(async () => {
    await server?.close();
    await database?.dispose();
  });

  const send = (who: string, method: string, path: string, body?: Buffer, contentType = XLSX) =>
    fetch(`${server.base}/api/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(body ? { "content-type": contentType } : {}) },
      ...(body ? { body } : {}),
    });
  const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, any> });

  it("dry-runs and imports a roster uploaded as the raw request body", async () => {
    const file = await xlsxOf([["工号", "姓名", "学校"], ["T0201", "孙悦", "S01"], ["T0202", "钱多", "S02"]]);
    const dry = await json(await send("A0001", "POST", "/imports/teachers?dryRun=true&filename=名单.xlsx", file));
    expect(dry).toMatchObject({ status: 200, body: { ok: true, dryRun: true, applied: false, file: "名单.xlsx", summary: { create: 2 } } });
    expect(dry.body.message).toBe("「名单.xlsx」检查无误（试导入，未写入数据库）：共 2 行，将新增 2 人，将更新 0 人，0 人无变化。");
    const applied = await json(await send("A0001", "POST", "/imports/teachers?filename=名单.xlsx", file));
    expect(applied).toMatchObject({ status: 200, body: { ok: true, applied: true, summary: { create: 2 } } });
    expect(await database.prisma.teacher.count({ where: { employeeNumber: { in: ["T0201", "T0202"] } } })).toBe(2);
  });

  it("answers a bad file with every problem: 200 on a dry run, 422 with nothing applied on a real run", async () => {
    const file = await xlsxOf([["工号", "姓名", "学校"], ["T0301", "某", "S07"], ["T0302", "", "S01"]]);
    const dry = await json(await send("A0001", "POST", "/imports/teachers?dryRun=1", file));
    expect(dry).toMatchObject({ status: 200, body: { ok: false, file: "上传的文件" } });
    const real = await json(await send("A0001", "POST", "/imports/teachers?filename=坏名单.xlsx", file));
    expect(real).toMatchObject({
      status: 422,
      body: {
        error: "import_rejected",
        field: "file",
        message: "文件「坏名单.xlsx」有 2 处问题，未导入任何数据。",
        errors: [
          { row: 2, column: "学校", message: "本区域没有代码或名称为「S07」的学校" },
          { row: 3, column: "姓名", message: "不能为空" },
        ],
      },
    });
    expect(await database.prisma.teacher.findFirst({ where: { employeeNumber: "T0301" } })).toBeNull();
  });

  it("imports results from a GBK CSV, for region admins only", async () => {
    const csv = gb18030Of(csvTextOf([["工号", "姓名", "项目编号", "考核结果"], ["T0002", "王强", "P2026-01", "合格"]]));
    expect((await send("T0001", "POST", "/imports/results", csv, "text/csv")).status).toBe(403);
    const imported = await json(await send("A0001", "POST", "/imports/results?filename=结业.csv", csv, "text/csv"));
    expect(imported).toMatchObject({ status: 200, body: { ok: true, applied: true, summary: { record: 1 } } });
    expect(imported.body.message).toBe("已导入「结业.csv」：共 1 行，涉及 1 个项目，新登记 1 条，0 条此前已登记过。");
  });

  it("refuses teachers, unreadable files, oversized uploads and bad query values", async () => {
    const file = await xlsxOf([["工号", "姓名", "学校"], ["T0401", "某", "S01"]]);
    expect((await send("T0002", "POST", "/imports/teachers", file)).status).toBe(403);
    const broken = await json(await send("A0001", "POST", "/imports/teachers?filename=a.xlsx", Buffer.from("not a workbook")));
    expect(broken).toMatchObject({ status: 422, body: { error: "file_unreadable", field: "file" } });
    const huge = await json(await send("A0001", "POST", "/imports/teachers", Buffer.alloc(10 * 1024 * 1024 + 1)));
    expect(huge).toMatchObject({ status: 422, body: { error: "file_too_large", message: "文件超过 10 MB 上限，请拆分成几个文件分别导入。" } });
    expect((await json(await send("A0001", "POST", "/imports/teachers?dryRun=maybe", file))).status).toBe(400);
  });

  it("refuses zip bombs and a 200,000-row sheet while other requests keep answering within 500 ms", async () => {
    const teachersBefore = await database.prisma.teacher.count();
    // Built first: compressing 200,000 rows would itself hold up this process, which is also the server.
    const files = [zipBombXlsx(), lyingBombXlsx(), longRosterXlsx(200_000)];
    const latencies: number[] = [];
    let uploading = true;
    const polling = (async () => {
      while (uploading) {
        const started = performance.now();
        expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const upload = (file: Buffer) => send("A0001", "POST", "/imports/teachers?filename=名单.xlsx", file).then(json);
    const [bomb, lying, long] = await Promise.all(files.map(upload));
    uploading = false;
    await polling;

    expect(bomb).toMatchObject({ status: 422, body: { error: "file_unsafe", field: "file", message: expect.stringContaining("解压后有 2,200 MB") } });
    expect(lying).toMatchObject({ status: 422, body: { error: "file_unsafe", field: "file" } });
    expect(long).toMatchObject({ status: 422, body: { error: "too_many_rows", field: "file" } });
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(500);
    expect(await database.prisma.teacher.count()).toBe(teachersBefore);
  });

  it("lets a school admin import their own school's roster only", async () => {
    const own = await xlsxOf([["工号", "姓名", "学校"], ["T0501", "本校", "S01"]]);
    expect((await json(await send("T0001", "POST", "/imports/teachers", own))).body).toMatchObject({ ok: true, summary: { create: 1 } });
    const other = await xlsxOf([["工号", "姓名", "学校"], ["T0502", "外校", "S02"]]);
    expect((await json(await send("T0001", "POST", "/imports/teachers", other))).status).toBe(422);
  });

  it("downloads a school's report workbook with a UTF-8 file name", async () => {
    const response = await send("A0001", "GET", `/schools/${schools.S01}/report.xlsx?asOf=2026-11-23`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(XLSX);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="S01-report-2026-11-23.xlsx"; filename*=UTF-8''${encodeURIComponent("S01-博乐市第一中学-学分汇总-2026-11-23.xlsx")}`,
    );
    const [header, ...rows] = await sheetValues(Buffer.from(await response.arrayBuffer()));
    expect(header?.[5]).toBe("是否达标");
    expect(rows.find((row) => row[0] === "T0005")?.[5]).toBe("否");
    expect(rows.find((row) => row[0] === "T0001")?.[5]).toBe("是");
  });

  it("shows a school admin their own school's report only, and a teacher none", async () => {
    expect((await send("T0001", "GET", `/schools/${schools.S01}/report.xlsx`)).status).toBe(200);
    expect((await send("T0001", "GET", `/schools/${schools.S02}/report.xlsx`)).status).toBe(404);
    expect((await send("T0002", "GET", `/schools/${schools.S01}/report.xlsx`)).status).toBe(403);
    expect((await send("A0001", "GET", `/schools/${schools.S01}/report.xlsx?asOf=2026-13`)).status).toBe(400);
  });
});
