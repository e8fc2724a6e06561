import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds, type TestDatabase } from "../support/database.js";

/**
 * Roles are granted only downward (issue 12, finding 3): a school admin (T0001, S01) cannot raise herself
 * or anyone to a role beyond 教师, and cannot change, deactivate, issue codes for or unbind a colleague who
 * holds a role she lacks — here a region admin (A0002) and a reviewer (T0004) on her own school's staff.
 */
describe.each(databaseKinds)("granting roles through the admin API on %s", (kind) => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  let database: TestDatabase;
  let ids: Record<string, string>;
  let call: typeof api.call;
  let schoolS01: string;

  beforeAll(async () => {
    api = await startAdminApi(kind);
    ({ database, ids, call } = api);
    const zhangli = await database.prisma.teacher.findUniqueOrThrow({ where: { id: ids.T0001 } });
    schoolS01 = zhangli.schoolId!;
    const staffRegionAdmin = await database.prisma.teacher.create({
      data: { regionId: zhangli.regionId, schoolId: schoolS01, employeeNumber: "A0002", name: "孙岩", roles: ["teacher", "region_admin"] },
    });
    ids.A0002 = staffRegionAdmin.id;
  });
  afterAll(async () => api?.close());

  const person = (id: string) => database.prisma.teacher.findUniqueOrThrow({ where: { id } });
  const auditsOf = (entityId: string) => database.prisma.auditLog.count({ where: { entityId } });

  it("refuses a school admin raising herself to reviewer, and changes nothing", async () => {
    const before = await person(ids.T0001!);
    for (const roles of [["teacher", "school_admin", "reviewer"], ["teacher", "school_admin", "region_admin"]]) {
      const raised = await call("T0001", "PATCH", `/teachers/${ids.T0001}`, { roles });
      expect(raised).toMatchObject({ status: 403, body: { error: "forbidden_role_grant", field: "roles" } });
      expect(raised.body.message).toContain("只有区域管理员");
    }
    expect(await person(ids.T0001!)).toEqual(before);
    expect(await auditsOf(ids.T0001!)).toBe(0);
  });

  it("refuses a school admin creating a reviewer or another school admin", async () => {
    for (const roles of [["teacher", "reviewer"], ["teacher", "school_admin"], ["region_admin"]]) {
      const created = await call("T0001", "POST", "/teachers", { employeeNumber: "T0150", name: "新评审", roles });
      expect(created).toMatchObject({ status: 403, body: { error: "forbidden_role_grant", field: "roles" } });
    }
    expect(await database.prisma.teacher.count({ where: { employeeNumber: "T0150" } })).toBe(0);
    expect((await call("T0001", "POST", "/teachers", { employeeNumber: "T0150", name: "新同事", roles: ["teacher"] })).status).toBe(201);
  });

  it("refuses a school admin demoting, deactivating, renaming or moving a region admin or reviewer on her staff", async () => {
    const changes = [{ roles: ["teacher"] }, { active: false }, { name: "冒名" }, { hiredOn: "2020-09-01" }, { schoolId: schoolS01 }];
    for (const target of [ids.A0002!, ids.T0004!]) {
      const before = await person(target);
      for (const change of changes) {
        const refused = await call("T0001", "PATCH", `/teachers/${target}`, change);
        expect(refused, JSON.stringify(change)).toMatchObject({ status: 403, body: { error: "forbidden_target_role" } });
      }
      expect(await person(target)).toEqual(before);
      expect(await auditsOf(target)).toBe(0);
    }
  });

  it("refuses a school admin issuing a bind code for, or unbinding, a region admin's account, and writes nothing", async () => {
    const account = await database.prisma.chatIdentity.create({ data: { platform: "wecom", platformUserId: "wx-sunyan", teacherId: ids.A0002! } });
    const issued = await call("T0001", "POST", `/teachers/${ids.A0002}/bind-code`);
    expect(issued).toMatchObject({ status: 403, body: { error: "forbidden_target_role" } });
    expect(issued.body.code).toBeUndefined();
    const unbound = await call("T0001", "DELETE", `/teachers/${ids.A0002}/chat-accounts/${account.id}`);
    expect(unbound).toMatchObject({ status: 403, body: { error: "forbidden_target_role" } });
    expect(await database.prisma.bindCode.count({ where: { teacherId: ids.A0002 } })).toBe(0);
    expect(await database.prisma.chatIdentity.findUnique({ where: { id: account.id } })).not.toBeNull();
    expect(await database.prisma.auditLog.count({ where: { actor: "T0001", entity: { in: ["bind_code", "chat_identity"] } } })).toBe(0);
  });

  it("lets a school admin manage the teachers and fellow school admins of her school as before", async () => {
    const colleague = await call("A0001", "POST", "/teachers", { employeeNumber: "T0151", name: "钱敏", schoolId: schoolS01, roles: ["teacher", "school_admin"] });
    expect(colleague.status).toBe(201);
    for (const target of [ids.T0003!, colleague.body.id as string]) {
      expect((await call("T0001", "PATCH", `/teachers/${target}`, { name: "改过的名字", hiredOn: "2019-09-01" })).status).toBe(200);
      expect((await call("T0001", "PATCH", `/teachers/${target}`, { active: false })).body.active).toBe(false);
      expect((await call("T0001", "PATCH", `/teachers/${target}`, { active: true })).body.active).toBe(true);
    }
    // Sending the roles back unchanged is not a grant.
    expect((await call("T0001", "PATCH", `/teachers/${colleague.body.id}`, { roles: ["school_admin", "teacher"] })).status).toBe(200);
    expect((await call("T0001", "POST", `/teachers/${ids.T0003}/bind-code`)).status).toBe(201);
  });

  it("lets a region admin grant, remove, deactivate, rename, issue codes and unbind for anyone", async () => {
    const raised = await call("A0001", "PATCH", `/teachers/${ids.T0001}`, { roles: ["teacher", "school_admin", "reviewer"] });
    expect(raised).toMatchObject({ status: 200, body: { roles: ["teacher", "school_admin", "reviewer"] } });
    const audit = await database.prisma.auditLog.findFirstOrThrow({ where: { entityId: ids.T0001, action: "update" } });
    expect(audit).toMatchObject({ actor: "A0001", detail: { roles: ["teacher", "school_admin", "reviewer"], rolesBefore: ["teacher", "school_admin"] } });

    expect((await call("A0001", "POST", `/teachers/${ids.A0002}/bind-code`)).status).toBe(201);
    const [account] = (await call("A0001", "GET", `/teachers/${ids.A0002}/chat-accounts`)).body.accounts;
    expect((await call("A0001", "DELETE", `/teachers/${ids.A0002}/chat-accounts/${account.id}`)).status).toBe(204);
    expect((await call("A0001", "PATCH", `/teachers/${ids.A0002}`, { name: "孙岩岩", active: false })).body).toMatchObject({ name: "孙岩岩", active: false });
    const demoted = await call("A0001", "PATCH", `/teachers/${ids.A0002}`, { roles: ["teacher"], active: true });
    expect(demoted).toMatchObject({ status: 200, body: { roles: ["teacher"], active: true } });
    // Once she holds only 教师, her school admin may manage her.
    expect((await call("T0001", "POST", `/teachers/${ids.A0002}/bind-code`)).status).toBe(201);
  });

  it("leaves a person's roles alone when a change does not mention them", async () => {
    const renamed = await call("A0001", "PATCH", `/teachers/${ids.T0004}`, { name: "刘洋" });
    expect(renamed).toMatchObject({ status: 200, body: { roles: ["teacher", "reviewer"] } });
    expect((await person(ids.T0004!)).roles).toEqual(["teacher", "reviewer"]);
  });

  it("checks 工号 and names by the one rule, naming the field", async () => {
    const sameAsT0001 = await call("A0001", "POST", "/teachers", { employeeNumber: "t0001", name: "小写" });
    expect(sameAsT0001).toMatchObject({ status: 409, body: { error: "employee_number_taken", field: "employeeNumber" } });
    const spaced = await call("A0001", "POST", "/teachers", { employeeNumber: "ｔ 01 52", name: "全角" });
    expect(spaced).toMatchObject({ status: 201, body: { employeeNumber: "T0152" } });
    for (const employeeNumber of ["张三", "T0153;DROP", ""]) {
      const refused = await call("A0001", "POST", "/teachers", { employeeNumber, name: "新人" });
      expect(refused, employeeNumber).toMatchObject({ status: 400, body: { error: "invalid_request", field: "employeeNumber" } });
    }
    for (const name of ["张\n三", "张\u0000三", "\u202e三张", "张\u200b三"]) {
      const created = await call("A0001", "POST", "/teachers", { employeeNumber: "T0154", name });
      expect(created, JSON.stringify(name)).toMatchObject({ status: 400, body: { error: "invalid_request", field: "name" } });
      const renamed = await call("A0001", "PATCH", `/teachers/${ids.T0003}`, { name });
      expect(renamed, JSON.stringify(name)).toMatchObject({ status: 400, body: { field: "name" } });
    }
    expect(await database.prisma.teacher.count({ where: { employeeNumber: { in: ["T0153;DROP", "T0154"] } } })).toBe(0);
  });
});
