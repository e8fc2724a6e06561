import { createInflateRaw } from "node:zlib";
import { DomainError } from "../errors.js";
import { MAX_ARCHIVE_ENTRIES, MAX_PART_RATIO, MAX_UNPACKED_BYTES, RATIO_CHECKED_FROM_BYTES } from "./limits.js";

/**
 * An .xlsx as the zip archive it is, read from its central directory before anything is unpacked: what
 * the archive declares (sizes, ratios, entry count, layout) is checked against sane limits first, and
 * every part is then unpacked as a stream that stops the moment it outgrows its declared size. A zip bomb
 * is refused from a few hundred bytes of directory, and a lying header after at most one byte too many.
 */
export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  unpackedSize: number;
  localHeader: number;
  dataStart: number;
};

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** A 16- or 32-bit field at its maximum means "look in the zip64 record": never needed below 4 GB. */
const ZIP64_MARKERS = [0xffff, 0xffffffff];
const ENCRYPTED_FLAG = 0x1;
const OUTPUT_CHUNK_BYTES = 64 * 1024;

const RESAVE = "请在 Excel 或 WPS 中打开后另存为 .xlsx，再导入另存的文件。";
export const unreadableFile = () =>
  new DomainError("file_unreadable", "无法读取这个 Excel 文件，可能已损坏或不是 .xlsx 格式；请在 Excel 或 WPS 中另存为 .xlsx 后重试。", { field: "file" });
const unsafe = (why: string) => new DomainError("file_unsafe", `这个文件${why}，不像 Excel 或 WPS 保存的表格，未读取其内容。${RESAVE}`, { field: "file" });
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;

export class ZipArchive {
  private readonly byName: Map<string, ZipEntry>;

  private constructor(
    private readonly content: Buffer,
    entries: ZipEntry[],
  ) {
    // Part names are case-insensitive in Office files; two names differing only in case would be ambiguous.
    this.byName = new Map(entries.map((entry) => [entry.name.toLowerCase(), entry]));
    if (this.byName.size !== entries.length) throw unsafe("里有重名的部件");
  }

  /** Reads and checks the central directory; nothing is unpacked yet. */
  static open(content: Buffer): ZipArchive {
    try {
      const end = findEndOfDirectory(content);
      const { entries, directoryStart } = readDirectory(content, end);
      checkDeclaredSizes(entries);
      checkLayout(entries, directoryStart);
      return new ZipArchive(content, entries);
    } catch (error) {
      // An offset pointing past the end of the file: a truncated or forged directory.
      if (error instanceof RangeError) throw unreadableFile();
      throw error;
    }
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** The part's bytes in chunks as they unpack; breaking out of the loop stops the unpacking. */
  async *chunks(name: string): AsyncGenerator<Buffer> {
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) throw unreadableFile();
    const packed = this.content.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    if (entry.method === STORED) {
      yield packed;
      return;
    }
    const inflater = createInflateRaw({ chunkSize: OUTPUT_CHUNK_BYTES });
    inflater.end(packed);
    let unpacked = 0;
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        unpacked += chunk.length;
        if (unpacked > entry.unpackedSize) throw sizeMismatch(entry);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw unreadableFile();
    } finally {
      inflater.destroy();
    }
    if (unpacked !== entry.unpackedSize) throw sizeMismatch(entry);
  }
}

function sizeMismatch(entry: ZipEntry): DomainError {
  return unsafe(`里的「${entry.name}」解压后与声明的大小（${entry.unpackedSize.toLocaleString("en-US")} 字节）不符`);
}

function findEndOfDirectory(content: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535; search backwards from the end.
  const earliest = Math.max(0, content.length - 22 - 0xffff);
  for (let offset = content.length - 22; offset >= earliest; offset--) {
    if (content.readUInt32LE(offset) === END_OF_DIRECTORY && offset + 22 + content.readUInt16LE(offset + 20) === content.length) return offset;
  }
  throw unreadableFile();
}

function readDirectory(content: Buffer, end: number): { entries: ZipEntry[]; directoryStart: number } {
  const disk = content.readUInt16LE(end + 4);
  const directoryDisk = content.readUInt16LE(end + 6);
  const entriesHere = content.readUInt16LE(end + 8);
  const count = content.readUInt16LE(end + 10);
  const size = content.readUInt32LE(end + 12);
  const start = content.readUInt32LE(end + 16);
  if ([count, entriesHere, size, start].some((value) => ZIP64_MARKERS.includes(value)) || (end >= 20 && content.readUInt32LE(end - 20) === ZIP64_LOCATOR)) {
    throw unsafe("使用 ZIP64 格式（只有超过 4 GB 的压缩包才需要）");
  }
  if (disk !== 0 || directoryDisk !== 0 || entriesHere !== count || start + size > end) throw unreadableFile();
  if (count > MAX_ARCHIVE_ENTRIES) throw unsafe(`包含 ${count.toLocaleString("en-US")} 个部件（上限 ${MAX_ARCHIVE_ENTRIES.toLocaleString("en-US")} 个）`);

  const entries: ZipEntry[] = [];
  let offset = start;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > start + size || content.readUInt32LE(offset) !== DIRECTORY_ENTRY) throw unreadableFile();
    const flags = content.readUInt16LE(offset + 8);
    const method = content.readUInt16LE(offset + 10);
    const compressedSize = content.readUInt32LE(offset + 20);
    const unpackedSize = content.readUInt32LE(offset + 24);
    const nameLength = content.readUInt16LE(offset + 28);
    const skipped = content.readUInt16LE(offset + 30) + content.readUInt16LE(offset + 32);
    const localHeader = content.readUInt32LE(offset + 42);
    const name = content.toString("utf8", offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + skipped;
    if ([compressedSize, unpackedSize, localHeader].includes(0xffffffff)) throw unsafe("使用 ZIP64 格式（只有超过 4 GB 的压缩包才需要）");
    if (flags & ENCRYPTED_FLAG || (method !== STORED && method !== DEFLATED)) throw unreadableFile();
    if (method === STORED && compressedSize !== unpackedSize) throw unreadableFile();
    entries.push({ name, method, compressedSize, unpackedSize, localHeader, dataStart: dataStartOf(content, localHeader, start) });
  }
  return { entries, directoryStart: start };
}

function dataStartOf(content: Buffer, localHeader: number, directoryStart: number): number {
  if (localHeader + 30 > directoryStart || content.readUInt32LE(localHeader) !== LOCAL_HEADER) throw unreadableFile();
  return localHeader + 30 + content.readUInt16LE(localHeader + 26) + content.readUInt16LE(localHeader + 28);
}

/** Each part's data lies before the directory and apart from every other: overlapping parts are a known bomb. */
function checkLayout(entries: ZipEntry[], directoryStart: number): void {
  const ordered = [...entries].sort((a, b) => a.localHeader - b.localHeader);
  ordered.forEach((entry, index) => {
    const next = ordered[index + 1];
    const dataEnd = entry.dataStart + entry.compressedSize;
    if (dataEnd > directoryStart) throw unreadableFile();
    if (next && dataEnd > next.localHeader) throw unsafe("里的部件相互重叠");
  });
}

function checkDeclaredSizes(entries: ZipEntry[]): void {
  const total = entries.reduce((sum, entry) => sum + entry.unpackedSize, 0);
  if (total > MAX_UNPACKED_BYTES) throw unsafe(`解压后有 ${megabytes(total)}（上限 ${megabytes(MAX_UNPACKED_BYTES)}）`);
  for (const entry of entries) {
    const ratio = entry.unpackedSize / Math.max(1, entry.compressedSize);
    if (entry.unpackedSize > RATIO_CHECKED_FROM_BYTES && ratio > MAX_PART_RATIO) {
      throw unsafe(`里的「${entry.name}」压缩了 ${Math.round(ratio).toLocaleString("en-US")} 倍（正常的表格不超过 ${MAX_PART_RATIO} 倍）`);
    }
  }
}
