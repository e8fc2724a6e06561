/**
 * Text for a cell of a workbook or CSV we write, shown as typed and never run. Text starting with = + - @
 * (or a tab or carriage return, which some programs skip before one) becomes a formula when someone edits
 * the cell or the sheet travels as CSV: `=HYPERLINK("http://…","点我")` as a teacher's name would be a
 * live link in the school's report. Such text gets a leading apostrophe, as OWASP advises for CSV injection.
 */
export function safeCellText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
