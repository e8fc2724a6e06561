import { describe, expect, it } from "vitest";
import { actorOf } from "../../src/domain/actors.js";
import { erasePersonalData } from "../../src/domain/personal-data.js";
import { normaliseLink, submitLink, withdrawSubmission } from "../../src/domain/submissions.js";
import { reviewSubmission } from "../../src/domain/reviews.js";
import { databaseKinds } from "../support/database.js";
import { fixtureSuite } from "../support/fixture-suite.js";
import { refusal } from "../support/refusal.js";

const now = new Date("2026-11-23T02:00:00Z");

describe("links teachers paste", () => {
  it("keeps http(s) links and drops the fragment", () => {
    expect(normaliseLink("  https://mp.weixin.qq.com/s/abc#wechat_redirect ")).toBe("https://mp.weixin.qq.com/s/abc");
  });

  it.each([
    ["", "link_missing"],
    ["ftp://example.com/file", "link_protocol"],
    ["javascript:alert(1)", "link_protocol"],
    ["我的心得在群文件里", "link_invalid"],
    ["https://localhost/x", "link_invalid"],
    [`https://example.com/${"a".repeat(2000)}`, "link_too_long"],
  ])("refuses %j as %s, naming the field", (raw, code) => {
    let error: unknown;
    try {
      normaliseLink(raw);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code, field: "link" });
  });
});

describe.each(databaseKinds)("submissions and reviews on %s", (kind) => {
  const suite = fixtureSuite(kind);

  async function enrolledPair() {
    const project = await suite.make.project(suite.regionId);
    const assignment = await suite.make.assignment(project.id, { maxScore: 20 });
    const [alice, bob] = [await suite.make.teacher(suite.regionId), await suite.make.teacher(suite.regionId)];
    await suite.make.enrollment(project.id, alice.id);
    await suite.make.enrollment(project.id, bob.id);
    return { project, assignment, alice, bob };
  }

  it("replaces a link resubmitted before review, keeping one row", async () => {
    const { assignment, alice } = await enrolledPair();
    const first = await submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://a.example.cn/1", now });
    expect(first.replaced).toBe(false);
    const later = new Date(now.getTime() + 60_000);
    const second = await submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://a.example.cn/2", now: later });
    expect(second.replaced).toBe(true);
    const rows = await suite.database.prisma.submission.findMany({ where: { assignmentId: assignment.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ link: "https://a.example.cn/2", submittedAt: later, status: "submitted" });
  });

  it("flags a link another teacher already submitted", async () => {
    const { assignment, alice, bob } = await enrolledPair();
    const original = await submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://b.example.cn/same", now });
    const copy = await submitLink(suite.database.prisma, { teacherId: bob.id, assignmentId: assignment.id, link: "https://b.example.cn/same#x", now });
    expect(original.duplicateOf).toBeNull();
    expect(copy.duplicateOf?.id).toBe(original.submission.id);
    expect(copy.submission.duplicateOf).toBe(original.submission.id);
  });

  it("refuses a teacher the assignment was not given to", async () => {
    const { assignment } = await enrolledPair();
    const outsider = await suite.make.teacher(suite.regionId);
    const error = await refusal(submitLink(suite.database.prisma, { teacherId: outsider.id, assignmentId: assignment.id, link: "https://c.example.cn/1", now }));
    expect(error.code).toBe("not_assigned");
    expect(await suite.database.prisma.submission.count({ where: { teacherId: outsider.id } })).toBe(0);
  });

  it("gives an assignment of a project without enrollment to every teacher of the region", async () => {
    const project = await suite.make.project(suite.regionId, { enrollmentDeadline: null });
    const assignment = await suite.make.assignment(project.id);
    const teacher = await suite.make.teacher(suite.regionId);
    const outcome = await submitLink(suite.database.prisma, { teacherId: teacher.id, assignmentId: assignment.id, link: "https://d.example.cn/1", now });
    expect(outcome.submission.teacherId).toBe(teacher.id);
  });

  it("lets a reviewer score within range, then the submission is final", async () => {
    const { assignment, alice } = await enrolledPair();
    const reviewer = await suite.make.teacher(suite.regionId, { roles: ["teacher", "reviewer"] });
    const { submission } = await submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://e.example.cn/1", now });

    const tooHigh = await refusal(reviewSubmission(suite.database.prisma, { reviewerId: reviewer.id, submissionId: submission.id, decision: "approved", score: 21, now }));
    expect(tooHigh).toMatchObject({ code: "score_out_of_range", field: "score" });
    expect(tooHigh.message).toContain("0 到 20");

    const reviewed = await reviewSubmission(suite.database.prisma, { reviewerId: reviewer.id, submissionId: submission.id, decision: "approved", score: 18, now });
    expect(reviewed).toMatchObject({ status: "approved", score: 18, reviewerId: reviewer.id });

    const late = await refusal(submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://e.example.cn/2", now }));
    expect(late.code).toBe("already_reviewed");
    const stored = await suite.database.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(stored.link).toBe("https://e.example.cn/1");
  });

  it("lets a rejected submission come back, and rejection needs a reason", async () => {
    const { assignment, alice } = await enrolledPair();
    const reviewer = await suite.make.teacher(suite.regionId, { roles: ["reviewer"] });
    const { submission } = await submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://f.example.cn/1", now });
    const silent = await refusal(reviewSubmission(suite.database.prisma, { reviewerId: reviewer.id, submissionId: submission.id, decision: "rejected", now }));
    expect(silent.code).toBe("comment_required");
    await reviewSubmission(suite.database.prisma, { reviewerId: reviewer.id, submissionId: submission.id, decision: "rejected", comment: "字数不足 1000", now });
    const again = await submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://f.example.cn/2", now });
    expect(again.submission).toMatchObject({ status: "submitted", comment: null, reviewerId: null });
  });

  it("refuses reviews from teachers without the reviewer role, of their own work, or across regions", async () => {
    const { assignment, alice, bob } = await enrolledPair();
    const { submission } = await submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://g.example.cn/1", now });
    expect((await refusal(reviewSubmission(suite.database.prisma, { reviewerId: bob.id, submissionId: submission.id, decision: "approved", score: 10, now }))).code).toBe("not_reviewer");

    const selfReviewer = await suite.database.prisma.teacher.update({ where: { id: alice.id }, data: { roles: ["teacher", "reviewer"] } });
    expect((await refusal(reviewSubmission(suite.database.prisma, { reviewerId: selfReviewer.id, submissionId: submission.id, decision: "approved", score: 10, now }))).code).toBe("own_submission");

    const elsewhere = await suite.make.teacher((await suite.make.region()).id, { roles: ["reviewer"] });
    expect((await refusal(reviewSubmission(suite.database.prisma, { reviewerId: elsewhere.id, submissionId: submission.id, decision: "approved", score: 10, now }))).code).toBe("submission_not_found");
    const stored = await suite.database.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(stored.status).toBe("submitted");
  });

  it("withdraws a link nobody reviewed yet: the assignment is open again and the audit log keeps what it was", async () => {
    const { assignment, alice } = await enrolledPair();
    const { submission } = await submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://h.example.cn/wrong", now });
    const actor = actorOf(alice);
    const stale = await refusal(withdrawSubmission(suite.database.prisma, { actor, submissionId: submission.id, link: "https://h.example.cn/other" }));
    expect(stale.code).toBe("link_changed");
    await withdrawSubmission(suite.database.prisma, { actor, submissionId: submission.id, link: submission.link });
    expect(await suite.database.prisma.submission.count({ where: { id: submission.id } })).toBe(0);
    const entry = await suite.database.prisma.auditLog.findFirstOrThrow({ where: { action: "withdraw", entityId: submission.id } });
    expect(entry).toMatchObject({ actor: alice.employeeNumber, regionId: alice.regionId, entity: "submission" });
    expect(entry.detail).toMatchObject({ teacherId: alice.id, number: submission.number, link: "https://h.example.cn/wrong" });
    // Handing in again starts a new submission.
    const again = await submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://h.example.cn/right", now });
    expect(again.replaced).toBe(false);
    // Erasing her personal data redacts the withdrawn link in the audit log too.
    const admin = await suite.make.teacher(suite.regionId, { roles: ["region_admin"] });
    await erasePersonalData(suite.database.prisma, actorOf(admin), alice.id, now);
    const redacted = await suite.database.prisma.auditLog.findUniqueOrThrow({ where: { id: entry.id } });
    expect(JSON.stringify(redacted.detail)).not.toContain("h.example.cn");
  });

  it("withdraws neither reviewed work nor someone else's", async () => {
    const { assignment, alice, bob } = await enrolledPair();
    const reviewer = await suite.make.teacher(suite.regionId, { roles: ["reviewer"] });
    const { submission } = await submitLink(suite.database.prisma, { teacherId: alice.id, assignmentId: assignment.id, link: "https://i.example.cn/1", now });
    const request = { submissionId: submission.id, link: submission.link };
    expect((await refusal(withdrawSubmission(suite.database.prisma, { ...request, actor: actorOf(bob) }))).code).toBe("submission_not_found");
    await reviewSubmission(suite.database.prisma, { reviewerId: reviewer.id, submissionId: submission.id, decision: "approved", score: 15, now });
    const approved = await refusal(withdrawSubmission(suite.database.prisma, { ...request, actor: actorOf(alice) }));
    expect(approved).toMatchObject({ code: "already_reviewed", message: "「" + assignment.title + "」已经评审通过，不能撤回了。" });
    expect(await suite.database.prisma.submission.count({ where: { id: submission.id } })).toBe(1);
    expect(await suite.database.prisma.auditLog.count({ where: { action: "withdraw", entityId: submission.id } })).toBe(0);
  });
});
