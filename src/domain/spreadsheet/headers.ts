/**
 * A header as typed by hand: full-width letters and brackets (NFKC), spaces anywhere, and the marks
 * templates use for required columns ("工号*", "姓名（必填）") make no difference.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/\((必填|选填|可选)\)$/, "")
    .replace(/\*+$/, "");
}

/** A column an import reads: its name in messages and templates, and other headers meaning the same. */
export type ColumnSpec<Name extends string> = {
  readonly name: Name;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
};
