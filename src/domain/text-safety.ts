/**
 * Characters that change how text looks without showing themselves: C0/C1 controls, zero-width joiners
 * and spaces, bidi embeddings/overrides/isolates, the BOM. In a name they can disguise one person as
 * another (or reverse a file name); in a notice they only confuse.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
const LINE_BREAKS = /[\r\n\u2028\u2029\t]/;

/** Why a person's or school's name cannot be stored as typed, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (LINE_BREAKS.test(name)) return "不能包含换行或制表符";
  INVISIBLE.lastIndex = 0;
  if (INVISIBLE.test(name)) return "不能包含控制字符、零宽字符或文字方向控制符";
  return undefined;
}

/** Free text (a notice, a comment) with the invisible characters removed; line breaks and tabs stay. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** Whether text holds NUL or another control character no platform message or identifier may carry. */
export function hasControlCharacters(text: string): boolean {
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}
