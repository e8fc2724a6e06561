import type {
  Assignment,
  Enrollment,
  LedgerEntry,
  School,
  Submission,
  Teacher,
  TrainingProject,
} from "../../generated/prisma/client.js";
import { fromDbDate } from "../../domain/calendar.js";

/** JSON shapes of the admin API: dates as YYYY-MM-DD, decimals as numbers, secrets never included. */

type DecimalLike = { toString(): string } | null;
const amount = (value: DecimalLike) => (value === null ? null : Number(value.toString()));
const day = (value: Date | null) => (value === null ? null : fromDbDate(value));

export const presentSchool = (school: School) => ({ id: school.id, code: school.code, name: school.name });

export const presentTeacher = (teacher: Teacher) => ({
  id: teacher.id,
  employeeNumber: teacher.employeeNumber,
  name: teacher.name,
  schoolId: teacher.schoolId,
  hiredOn: day(teacher.hiredOn),
  roles: teacher.roles,
  active: teacher.active,
});

export const presentProject = (project: TrainingProject) => ({
  id: project.id,
  code: project.code,
  title: project.title,
  level: project.level,
  mode: project.mode,
  category: project.category,
  tags: project.tags,
  hours: amount(project.hours),
  fixedCredits: amount(project.fixedCredits),
  startsOn: day(project.startsOn),
  endsOn: day(project.endsOn),
  enrollmentDeadline: day(project.enrollmentDeadline),
  quota: project.quota,
  approved: project.approvedAt !== null,
  approvedBy: project.approvedBy,
  approvedAt: project.approvedAt?.toISOString() ?? null,
});

export const presentEnrollment = (enrollment: Enrollment) => ({
  id: enrollment.id,
  projectId: enrollment.projectId,
  teacherId: enrollment.teacherId,
  status: enrollment.status,
  enrolledAt: enrollment.enrolledAt.toISOString(),
});

export const presentLedgerEntry = (entry: LedgerEntry) => ({
  id: entry.id,
  teacherId: entry.teacherId,
  projectId: entry.projectId,
  date: fromDbDate(entry.occurredOn),
  mode: entry.mode,
  category: entry.category,
  tags: entry.tags,
  level: entry.level,
  hours: amount(entry.hours),
  leaveHours: amount(entry.leaveHours),
  credits: amount(entry.credits),
  result: entry.result,
  role: entry.role,
  approved: entry.approved,
  preService: entry.preService,
  source: entry.source,
  sourceRef: entry.sourceRef,
  certifiedBy: entry.certifiedBy,
  certifiedAt: entry.certifiedAt?.toISOString() ?? null,
  reversesId: entry.reversesId,
  reason: entry.reason,
  recordedBy: entry.recordedBy,
  recordedAt: entry.recordedAt.toISOString(),
});

export const presentAssignment = (assignment: Assignment) => ({
  id: assignment.id,
  projectId: assignment.projectId,
  title: assignment.title,
  kind: assignment.kind,
  dueOn: fromDbDate(assignment.dueOn),
  minimumLength: assignment.minimumLength,
  maxScore: assignment.maxScore,
});

export const presentSubmission = (submission: Submission) => ({
  id: submission.id,
  assignmentId: submission.assignmentId,
  teacherId: submission.teacherId,
  link: submission.link,
  submittedAt: submission.submittedAt.toISOString(),
  status: submission.status,
  duplicateOf: submission.duplicateOf,
  score: submission.score,
  reviewerId: submission.reviewerId,
  reviewedAt: submission.reviewedAt?.toISOString() ?? null,
  comment: submission.comment,
});
