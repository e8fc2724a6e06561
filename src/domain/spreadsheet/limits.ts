/** What one upload may hold: enough for a county's whole roster, small enough to check in one request. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_DATA_ROWS = 20_000;
/** Excel's own limit for one cell. */
export const MAX_CELL_CHARACTERS = 32_767;
/**
 * All the text one sheet's kept cells may hold: a 20,000-row roster of seven columns holds about 1.5
 * million characters, so 20 million leaves ten times the room while bounding what the reader thread hands
 * back (cells sharing one huge shared string are each copied when the rows leave the thread).
 */
export const MAX_SHEET_TEXT_CHARACTERS = 20_000_000;

/**
 * What the parts of an .xlsx may unpack to. A real 20,000-row roster of seven columns is a 0.8 MB file
 * that unpacks to 7 MB, its sheet compressed 9–13 times (test/domain/spreadsheet-archive.test.ts), so
 * 100 MB leaves ten times the room while refusing the classic bombs, which declare gigabytes.
 */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** Excel and WPS compress XML 5–30 times; past 100 times a part holds little but repetition. */
export const MAX_PART_RATIO = 100;
/** Small parts may be very repetitive (styles, an empty sheet) and cannot hurt at this size. */
export const RATIO_CHECKED_FROM_BYTES = 1024 * 1024;
/** A workbook with a few sheets and pictures has tens of parts; a roster with a photo per teacher, hundreds. */
export const MAX_ARCHIVE_ENTRIES = 5_000;
