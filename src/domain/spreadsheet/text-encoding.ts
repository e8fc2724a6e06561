const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Text of a CSV file. Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK, other tools in UTF-8 with
 * or without a BOM; bytes that are not valid UTF-8 are read as GB18030, the superset of GBK and GB2312.
 */
export function decodeCsvText(bytes: Uint8Array): string {
  const hasBom = UTF8_BOM.every((byte, index) => bytes[index] === byte);
  const body = hasBom ? bytes.subarray(UTF8_BOM.length) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return new TextDecoder("gb18030").decode(body);
  }
}
