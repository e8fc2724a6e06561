import { normaliseEmployeeNumber } from "../../domain/employee-number.js";
import type { Matcher } from "./types.js";

/**
 * 绑定 工号 12345 / 绑定12345 / 绑定 T0001 验证码 834201 / bind T0001 / 我的工号是T0001.
 * The employee number goes through the one 工号 rule's normalising ("t0001" → "T0001"); binding checks it.
 * A bare 绑定 gives an empty employee number, so the handler can explain how to bind instead of replying
 * "I didn't understand".
 */
const BIND = new RegExp(
  [
    "^(?:(?:我要|我想|怎么|如何|要)?(?:绑定|绑|bind(?![a-z]))(?: ?(?:我的|my))? ?(?:工号|教师编号|编号|账号|account|employeenumber|employee ?no|id)?|(?:我的|我)?工号)",
    "(?:是|为|:)? ?",
    "([a-z0-9][a-z0-9_-]*)?",
    "(?: ?(?:验证码|校验码|code)(?:是|为|:)? ?| )?",
    "(\\d{4,8})?$",
  ].join(""),
);

export const matchBind: Matcher = (message) => {
  const match = BIND.exec(message.text);
  if (match === null) return undefined;
  const [, typed = "", code] = match;
  const employeeNumber = normaliseEmployeeNumber(typed);
  return code === undefined ? { kind: "bind", employeeNumber } : { kind: "bind", employeeNumber, code };
};
