import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mobileHash } from "../../src/domain/mobile.js";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds, type TestDatabase } from "../support/database.js";
import { testSecretBox } from "../support/secrets.js";
import { sheetValues, xlsxOf, type SheetCell } from "../support/spreadsheets.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const secrets = testSecretBox();

/**
 * Identity from the organisation: the WeCom / DingTalk console's address-book export matched to the roster
 * (by mobile hash, else 姓名 + 学校), previewed before anything is written; and bind codes for a whole school
 * as a workbook to hand out.
 */
describe.each(databaseKinds)("address-book import and bulk bind codes on %s", (kind) => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  let database: TestDatabase;
  let schools: Record<string, string>;

  const upload = async (who: string, query: string, rows: SheetCell[][]) => {
    const response = await fetch(`${api.base}/api/admin/directory/import?${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.tokens[who]}`, "content-type": XLSX },
      body: await xlsxOf(rows),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const identitiesOf = (platform: "wecom" | "dingtalk") =>
    database.prisma.chatIdentity.findMany({ where: { platform }, include: { teacher: true }, orderBy: { platformUserId: "asc" } });

  const WECOM_HEADER = ["姓名", "账号", "别名", "职务", "部门", "性别", "手机", "企业邮箱"];
  const line = (name: string, account: string, department: string, mobile: string | null = null): SheetCell[] => [name, account, null, "教师", department, "女", mobile, null];
  const WECOM_EXPORT: SheetCell[][] = [
    WECOM_HEADER,
    line("王强", "wangqiang", "博乐市第一中学/语文组", "+86 138 0000 0002"),
    line("李娜", "lina", "博乐市第一中学"),
    line("赵敏", "zhaomin", "S02;教务处", "13900000007"),
    line("张三", "zhangsan", "博乐市第一中学"),
    line("陈静", "chenjing", ""),
    line("黄磊", "wx-taken", "博乐市实验小学"),
    line("王芳", "wangfang", "博乐市第一中学"),
    line("刘洋", "liuyang", "博乐市第一中学"),
  ];

  beforeAll(async () => {
    api = await startAdminApi(kind);
    database = api.database;
    schools = Object.fromEntries((await database.prisma.school.findMany()).map((school) => [school.code, school.id]));
    const region = await database.prisma.region.findFirstOrThrow();
    await database.prisma.teacher.update({ where: { id: api.ids.T0002 }, data: { mobileHash: mobileHash(secrets, "13800000002") } });
    await database.prisma.chatIdentity.create({ data: { platform: "wecom", platformUserId: "wx-taken", teacherId: api.ids.T0009!, source: "bind_code" } });
    await database.prisma.teacher.createMany({
      data: [
        { regionId: region.id, schoolId: schools.S01, employeeNumber: "T0011", name: "王芳" },
        { regionId: region.id, schoolId: schools.S01, employeeNumber: "T0012", name: "王芳" },
      ],
    });
  });
  afterAll(async () => api?.close());

  describe("POST /directory/import", () => {
    it("previews the matching for a region admin and writes nothing", async () => {
      const dry = await upload("A0001", "platform=wecom&dryRun=true&filename=通讯录.xlsx", WECOM_EXPORT);
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({
        dryRun: true,
        applied: false,
        platform: "wecom",
        summary: { lines: 8, matched: 4, alreadyLinked: 0, unmatched: 2, ambiguous: 1, conflicts: 1, outOfScope: 0 },
      });
      expect(dry.body.matched).toEqual([
        { row: 2, account: "wangqiang", employeeNumber: "T0002", name: "王强", by: "mobile" },
        { row: 3, account: "lina", employeeNumber: "T0003", name: "李娜", by: "name_school" },
        { row: 4, account: "zhaomin", employeeNumber: "T0007", name: "赵敏", by: "name_school" },
        { row: 9, account: "liuyang", employeeNumber: "T0004", name: "刘洋", by: "name_school" },
      ]);
      expect(dry.body.unmatched.map((entry: { row: number }) => entry.row)).toEqual([5, 6]);
      expect(dry.body.ambiguous).toEqual([
        { row: 8, account: "wangfang", name: "王芳", candidates: [{ employeeNumber: "T0011", name: "王芳" }, { employeeNumber: "T0012", name: "王芳" }] },
      ]);
      expect(dry.body.conflicts).toEqual([{ row: 7, account: "wx-taken", employeeNumber: "T0008", name: "黄磊", reason: expect.stringContaining("已是另一个人的聊天账号") }]);
      expect(dry.body.message).toContain("可关联 4 个账号");
      expect(await identitiesOf("wecom")).toHaveLength(1);
    });

    it("applies only the matched lines, from the address book, in one audited transaction without mobile numbers", async () => {
      const applied = await upload("A0001", "platform=wecom&filename=通讯录.xlsx", WECOM_EXPORT);
      expect(applied).toMatchObject({ status: 200, body: { applied: true, summary: { matched: 4 } } });
      const linked = (await identitiesOf("wecom")).map((identity) => [identity.platformUserId, identity.teacher.employeeNumber, identity.source]);
      expect(linked).toEqual([
        ["lina", "T0003", "address_book"],
        ["liuyang", "T0004", "address_book"],
        ["wangqiang", "T0002", "address_book"],
        ["wx-taken", "T0009", "bind_code"],
        ["zhaomin", "T0007", "address_book"],
      ]);
      const audits = await database.prisma.auditLog.findMany({ where: { entity: "address_book" } });
      expect(audits).toMatchObject([{ actor: "A0001", action: "import", detail: { file: "通讯录.xlsx", platform: "wecom", linked: 4, byMobile: 1, byNameAndSchool: 3 } }]);
      expect(JSON.stringify(audits)).not.toMatch(/138|139/);

      const again = await upload("A0001", "platform=wecom", WECOM_EXPORT);
      expect(again.body.summary).toMatchObject({ matched: 0, alreadyLinked: 4 });
    });

    it("lets a school admin match only her own school, names nobody outside it, and leaves out colleagues with roles she lacks", async () => {
      const rows = WECOM_EXPORT.map((row, index) => (index === 0 ? ["姓名", "员工UserID", "手机号", "部门"] : [row[0], `dt-${row[1]}`, row[6], row[4]]));
      const dry = await upload("T0001", "platform=dingtalk&dryRun=true", rows);
      expect(dry.status).toBe(200);
      expect(dry.body.matched.map((entry: { employeeNumber: string }) => entry.employeeNumber)).toEqual(["T0002", "T0003"]);
      expect(dry.body.outOfScope).toEqual([{ row: 4 }, { row: 7 }]);
      expect(dry.body.unmatched).toContainEqual({ row: 9, account: "dt-liuyang", name: "刘洋", reason: "这位的角色只有区域管理员能为其关联账号" });
      // Nothing about people of the other school: neither their 工号 nor the stored names.
      expect(JSON.stringify(dry.body)).not.toMatch(/T0007|T0008|T0009/);
    });

    it("refuses a teacher's token, an unknown platform and a file without the account column, writing nothing", async () => {
      const before = await database.prisma.chatIdentity.count();
      expect((await upload("T0002", "platform=wecom", WECOM_EXPORT)).status).toBe(403);
      expect(await upload("A0001", "platform=qq", WECOM_EXPORT)).toMatchObject({ status: 400, body: { field: "query.platform" } });
      const headerless = await upload("A0001", "platform=wecom", [["姓名", "部门"], ["王强", "S01"]]);
      expect(headerless).toMatchObject({ status: 422, body: { error: "import_rejected", field: "file", ok: false } });
      expect(headerless.body.errors).toEqual([{ row: 1, column: "账号", message: "缺少「账号」列（表头应在第 1 行）" }]);
      expect(await database.prisma.chatIdentity.count()).toBe(before);
    });
  });

  describe("POST /schools/:id/bind-codes", () => {
    const codes = async (who: string, schoolCode: string, query = "") => {
      const response = await fetch(`${api.base}/api/admin/schools/${schools[schoolCode]}/bind-codes${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${api.tokens[who]}` },
      });
      const content = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, content };
    };

    it("gives a region admin a workbook of fresh codes for the school's people without a chat account, audited without codes", async () => {
      const issued = await codes("A0001", "S01");
      expect(issued.status).toBe(201);
      expect(issued.headers.get("content-type")).toBe(XLSX);
      const [header, ...rows] = await sheetValues(issued.content);
      expect(header).toEqual(["工号", "姓名", "验证码", "有效期至", "如何绑定"]);
      // S01 without an account yet: 张丽, 陈静 and the two 王芳 (王强, 李娜, 刘洋 came from the address book).
      expect(rows.map((row) => row[0])).toEqual(["T0001", "T0005", "T0011", "T0012"]);
      const chen = rows.find((row) => row[0] === "T0005")!;
      expect(chen[2]).toMatch(/^\d{6}$/);
      expect(chen[3]).toBe("2026-11-24 10:00");
      expect(chen[4]).toBe(`私聊机器人发送（验证码别发在群里）：绑定 工号 T0005 验证码 ${chen[2]}`);
      const [stored] = await database.prisma.bindCode.findMany({ where: { teacherId: api.ids.T0005, voidedAt: null } });
      expect(secrets.matches("bind-code", `${api.ids.T0005}:${chen[2]}`, stored!.codeHash)).toBe(true);
      const audits = await database.prisma.auditLog.findMany({ where: { action: "issue_bulk" } });
      expect(audits).toMatchObject([{ actor: "A0001", entity: "bind_code", entityId: schools.S01, detail: { issued: 4, skipped: 0, all: false } }]);
      expect(JSON.stringify(audits)).not.toContain(String(chen[2]));

      const everyone = await sheetValues((await codes("A0001", "S01", "?all=true")).content);
      // Everyone active in S01: also 王强, 李娜 and 刘洋, whose accounts came from the address book.
      expect(everyone).toHaveLength(1 + 7);
    });

    it("lets a school admin issue codes for her own school only, skipping people holding a role she lacks", async () => {
      expect((await codes("T0001", "S02")).status).toBe(404);
      expect((await codes("T0002", "S01")).status).toBe(403);
      const own = await codes("T0001", "S01", "?all=true");
      expect(own.status).toBe(201);
      expect(own.headers.get("x-codes-skipped")).toBe("1");
      expect((await sheetValues(own.content)).map((row) => row[0])).not.toContain("T0004");
    });

    it("writes a name that looks like a formula as text", async () => {
      const region = await database.prisma.region.findFirstOrThrow();
      await database.prisma.teacher.create({ data: { regionId: region.id, schoolId: schools.S02, employeeNumber: "T0099", name: '=HYPERLINK("http://x","点我")' } });
      const rows = await sheetValues((await codes("A0001", "S02")).content);
      expect(rows.find((row) => row[0] === "T0099")?.[1]).toBe(`'=HYPERLINK("http://x","点我")`);
    });
  });
});
