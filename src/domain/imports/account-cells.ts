import { checkEmployeeNumber } from "../employee-number.js";
import { checkMobile } from "../mobile.js";
import { nameProblem } from "../text-safety.js";
import { text, type CellParser } from "../spreadsheet/cell-parsers.js";

/**
 * Cells that say who a person is, shared by the roster import and the address-book import: the 工号 by the
 * one rule, a name without invisible characters, a platform account id, a mobile number (for hashing).
 */
export const employeeNumberCell: CellParser<string> = (cell) => {
  const typed = text(64)(cell);
  return typed.ok ? checkEmployeeNumber(typed.value) : typed;
};

export function nameCell(maxLength: number): CellParser<string> {
  return (cell) => {
    const typed = text(maxLength)(cell);
    if (!typed.ok) return typed;
    const problem = nameProblem(typed.value);
    return problem === undefined ? typed : { ok: false, message: `姓名${problem}` };
  };
}

/** A platform account id as its admin console shows it: letters, digits and . _ - @, kept as is. */
const PLATFORM_USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;

export const platformUserIdCell: CellParser<string> = (cell) => {
  const typed = text(64)(cell);
  if (!typed.ok) return typed;
  return PLATFORM_USER_ID.test(typed.value) ? typed : { ok: false, message: `账号「${typed.value.slice(0, 64)}」只能由字母、数字和 . _ - @ 组成` };
};

export const mobileCell: CellParser<string> = (cell) => {
  const typed = text(32)(cell);
  return typed.ok ? checkMobile(typed.value) : typed;
};
