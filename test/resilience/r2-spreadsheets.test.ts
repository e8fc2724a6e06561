import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueAdminToken } from "../../src/domain/admin-tokens.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { adminRouter } from "../../src/http/admin/router.js";
import { buildApp } from "../../src/http/app.js";
import { openTestDatabase, type TestDatabase } from "../support/database.js";
import { deflated, longRosterXlsx, lyingBombXlsx, sheetXlsx, workbookParts, zipBombXlsx, zipOf } from "../support/hostile-xlsx.js";
import { capturingLogger } from "../support/logger.js";
import { testSecretBox } from "../support/secrets.js";
import { countRows, inBatches, serveOnLoopback, type Served } from "./support.js";

const now = new Date("2026-11-23T02:00:00Z");

/** Every way an upload can try to exhaust or confuse the spreadsheet reader, each built in memory. */
function hostileSpreadsheets(): Record<string, Buffer> {
  const bomb = zipBombXlsx();
  const emptySheet = deflated("xl/worksheets/sheet1.xml", '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>');
  return {
    "zip bomb (455 KB → 2.2 GB)": bomb,
    "lying header (440 MB declared as 457 KB)": lyingBombXlsx(),
    "200,000 rows": longRosterXlsx(200_000),
    "zip64 markers": sheetXlsx("", { zip64Markers: true }),
    "part compressed 1,000:1": sheetXlsx(" ".repeat(4 * 1024 * 1024)),
    "overlapping parts": zipOf([...workbookParts(2), emptySheet, { ...emptySheet, name: "xl/worksheets/sheet2.xml", sharesDataWith: "xl/worksheets/sheet1.xml" }]),
    "5,006 parts": zipOf([...workbookParts(), emptySheet, ...Array.from({ length: 5_001 }, (_, n) => deflated(`xl/media/image${n}.png`, "x"))]),
    "truncated bomb": bomb.subarray(0, 200_000),
    "directory pointing past the end": (() => {
      const file = Buffer.from(sheetXlsx('<row r="1"><c r="A1"><v>1</v></c></row>'));
      file.writeUInt32LE(0x7fffffff, file.length - 6);
      return file;
    })(),
    "zip signature then noise": Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(4096, 0xff)]),
    "entities from a DTD (billion laughs)": zipOf([
      ...workbookParts(),
      deflated(
        "xl/worksheets/sheet1.xml",
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>`,
      ),
    ]),
    "broken sheet XML": sheetXlsx('<row r="2"><c r="A2" t="inlineStr"><is><t>T1</is></c>'),
    "cell beyond column XFD": sheetXlsx('<row r="2"><c r="XFE2"><v>1</v></c></row>'),
    "row number beyond Excel's last": sheetXlsx('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'),
  };
}

describe("R2 hostile spreadsheets", () => {
  let database: TestDatabase;
  let server: Served;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase("embedded");
    await loadDemoData(database.prisma, "2026-11-23");
    const admin = await database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "A0001" } });
    token = (await issueAdminToken(database.prisma, { teacherId: admin.id, label: "r2", createdBy: "test" })).token;
    const app = buildApp({ logger: capturingLogger().logger, readinessChecks: [], routers: [adminRouter({ prisma: database.prisma, now: () => now, secrets: testSecretBox() })] });
    server = await serveOnLoopback(app);
  });
  afterAll(async () => {
    await server?.close();
    await database?.dispose();
  });

  it("each hostile file on each import, dry run and real → 422 naming the file, 0 × 5xx, 0 rows written", async () => {
    const before = await countRows(database.prisma);
    const files = Object.entries(hostileSpreadsheets());
    const attempts = files.flatMap(([name, content]) =>
      ["/imports/teachers", "/imports/results"].flatMap((path) => ["true", "false"].map((dryRun) => ({ name, content, url: `${path}?dryRun=${dryRun}` }))),
    );
    // Four in flight: the reader's queue holds five, so every file is read rather than turned away as busy.
    const outcomes = await inBatches(attempts, 4, async ({ name, content, url }) => {
      const response = await fetch(`${server.base}/api/admin${url}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: content });
      const body = (await response.json()) as { error?: string; field?: string };
      return { name, url, status: response.status, error: body.error, field: body.field };
    });
    const wrong = outcomes.filter((outcome) => outcome.status !== 422 || outcome.field !== "file");
    expect(wrong).toEqual([]);
    expect(new Set(outcomes.map((outcome) => outcome.error))).toEqual(new Set(["file_unsafe", "file_unreadable", "too_many_rows"]));
    expect(await countRows(database.prisma)).toEqual({ ...before });
  });
});
