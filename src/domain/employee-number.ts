/**
 * The one rule for 工号 everywhere (roster imports, the admin API, chat, the playground): full-width forms
 * and case folded, spaces dropped, so "ｔ 00 01" and "T0001" are the same person; then letters, digits,
 * "-" and "_" only, starting with a letter or digit, at most 32 characters.
 */
const EMPLOYEE_NUMBER = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;

export function normaliseEmployeeNumber(typed: string): string {
  return typed.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

export type EmployeeNumberCheck = { ok: true; value: string } | { ok: false; message: string };

export function checkEmployeeNumber(typed: string): EmployeeNumberCheck {
  const value = normaliseEmployeeNumber(typed);
  if (value.length === 0) return { ok: false, message: "工号不能为空" };
  if (value.length > 32) return { ok: false, message: "工号最多 32 个字符" };
  if (!EMPLOYEE_NUMBER.test(value)) return { ok: false, message: `工号「${typed.trim().slice(0, 40)}」只能由字母、数字、-、_ 组成，例如 T0001` };
  return { ok: true, value };
}
