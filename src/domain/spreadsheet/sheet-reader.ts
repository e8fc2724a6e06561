import { Worker } from "node:worker_threads";
import { DomainError } from "../errors.js";
import type { ReaderAnswer, ReaderJob } from "./reader-thread.js";
import type { RawRow, UploadedFile } from "./types.js";

/** Longer than any real file takes (a 20,000-row roster reads in about a second). */
const READ_TIMEOUT_MS = 60_000;
/** Uploads waiting behind the one being read; more are turned away rather than queued for minutes. */
const MAX_WAITING = 4;
/** A reader idle this long is stopped, returning its memory; the next upload starts a new one. */
const IDLE_MS = 60_000;
/** Far above what 20,000 rows need: only a file that slipped past every other limit can reach it. */
const READER_HEAP_MB = 512;

const busy = () =>
  new DomainError("reader_busy", `服务器正在检查其他人上传的表格（已有 ${MAX_WAITING} 个在排队），请 1 分钟后再试。`, { field: "file", kind: "conflict" });
const tooSlow = () =>
  new DomainError("file_too_slow", `读取这个文件超过 ${READ_TIMEOUT_MS / 1000} 秒仍未完成，已停止；请确认它是 Excel 或 WPS 保存的表格，或拆分后分别导入。`, {
    field: "file",
  });
const tooHeavy = () =>
  new DomainError("file_unsafe", "读取这个文件用尽了为表格预留的内存，已停止；请在 Excel 或 WPS 中另存为 .xlsx，或拆分后分别导入。", { field: "file" });

type Pending = { resolve: (rows: RawRow[]) => void; reject: (error: Error) => void };

/**
 * The process's one spreadsheet reader: a worker thread that reads uploads one at a time, in arrival
 * order. The event loop only waits for its answer, so chat callbacks and other requests keep answering
 * while a file is read; a reader that runs too long or out of memory is stopped and the file refused.
 */
class SheetReader {
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** The upload being read and those waiting for it. */
  private inLine = 0;

  read(file: UploadedFile): Promise<RawRow[]> {
    if (this.inLine > MAX_WAITING) return Promise.reject(busy());
    this.inLine += 1;
    const turn = this.queue.then(() => this.readNow(file)).finally(() => (this.inLine -= 1));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private readNow(file: UploadedFile): Promise<RawRow[]> {
    clearTimeout(this.idleTimer);
    const worker = this.running();
    worker.ref();
    const done = new Promise<RawRow[]>((resolve, reject) => {
      this.pending = { resolve, reject };
    });
    const timer = setTimeout(() => this.stop(worker, tooSlow()), READ_TIMEOUT_MS);
    worker.postMessage({ name: file.name, content: file.content } satisfies ReaderJob);
    return done.finally(() => {
      clearTimeout(timer);
      this.pending = undefined;
      if (this.worker !== worker) return;
      worker.unref();
      this.idleTimer = setTimeout(() => this.stop(worker), IDLE_MS).unref();
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./reader-thread-boot.mjs", import.meta.url), {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB },
    });
    worker.on("message", (answer: ReaderAnswer) => this.settle(answer));
    worker.on("error", (error: Error & { code?: string }) => {
      this.stop(worker, error.code === "ERR_WORKER_OUT_OF_MEMORY" ? tooHeavy() : error);
    });
    worker.on("exit", (code) => this.stop(worker, new Error(`spreadsheet reader thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(answer: ReaderAnswer): void {
    const pending = this.pending;
    if (!pending) return;
    if ("rows" in answer) pending.resolve(answer.rows);
    else if ("refusal" in answer) {
      const { code, message, field } = answer.refusal;
      pending.reject(new DomainError(code, message, field ? { field } : {}));
    } else pending.reject(new Error(`spreadsheet reader failed: ${answer.failure}`));
  }

  /** Ends this worker (the next read starts another) and fails the read in progress with `reason`. */
  private stop(worker: Worker, reason?: Error): void {
    // A worker already replaced (its exit event arriving late) has nothing left to fail.
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    if (reason) this.pending?.reject(reason);
  }
}

const reader = new SheetReader();

/** Reads an upload's rows off the event loop; see SheetReader. */
export function readRawRows(file: UploadedFile): Promise<RawRow[]> {
  return reader.read(file);
}
