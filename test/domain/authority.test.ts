import { describe, expect, it } from "vitest";
import { assertMayGrant, assertMayManage, roleBeyond } from "../../src/domain/authority.js";
import type { Role } from "../../src/generated/prisma/client.js";

const who = (...roles: Role[]) => ({ roles: ["teacher", ...roles] as Role[] });
const regionAdmin = who("region_admin");
const schoolAdmin = who("school_admin");
const reviewer = who("reviewer");

describe("roles are granted only downward", () => {
  it("a region admin may manage anyone; others only people whose roles they hold", () => {
    for (const target of [who(), reviewer, schoolAdmin, regionAdmin]) expect(() => assertMayManage(regionAdmin, target)).not.toThrow();
    expect(() => assertMayManage(schoolAdmin, who())).not.toThrow();
    expect(() => assertMayManage(schoolAdmin, schoolAdmin)).not.toThrow();
    expect(() => assertMayManage(schoolAdmin, reviewer)).toThrow(/评审员/);
    expect(() => assertMayManage(schoolAdmin, regionAdmin)).toThrow(/区域管理员/);
    expect(() => assertMayManage(reviewer, schoolAdmin)).toThrow(/学校管理员/);
    expect(roleBeyond(schoolAdmin, who("school_admin", "reviewer"))).toBe("reviewer");
  });

  it("only a region admin adds or removes roles beyond 教师, even on themselves", () => {
    expect(() => assertMayGrant(regionAdmin, ["teacher"], ["teacher", "reviewer", "school_admin"])).not.toThrow();
    expect(() => assertMayGrant(schoolAdmin, ["teacher", "school_admin"], ["teacher", "school_admin", "reviewer"])).toThrow(/只有区域管理员能授予或取消评审员角色/);
    expect(() => assertMayGrant(schoolAdmin, ["teacher", "school_admin"], ["teacher"])).toThrow(/学校管理员/);
    expect(() => assertMayGrant(schoolAdmin, ["teacher"], ["teacher"])).not.toThrow();
    expect(() => assertMayGrant(schoolAdmin, ["school_admin"], ["teacher", "school_admin"])).not.toThrow();
  });
});
