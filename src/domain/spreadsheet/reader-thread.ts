import { parentPort } from "node:worker_threads";
import { DomainError } from "../errors.js";
import { rawRowsOf } from "./raw-rows.js";
import type { RawRow } from "./types.js";

/** What the reader thread answers for one file. */
export type ReaderAnswer =
  | { rows: RawRow[] }
  | { refusal: { code: string; message: string; field?: string } }
  | { failure: string };

export type ReaderJob = { name: string; content: Uint8Array };

/**
 * The worker thread that reads uploaded spreadsheets, one at a time, so that unpacking and parsing a
 * hostile or merely large file never holds up the process's event loop (chat callbacks, other requests).
 */
parentPort?.on("message", async (job: ReaderJob) => {
  const content = Buffer.from(job.content.buffer, job.content.byteOffset, job.content.byteLength);
  let answer: ReaderAnswer;
  try {
    answer = { rows: await rawRowsOf({ name: job.name, content }) };
  } catch (error) {
    answer =
      error instanceof DomainError
        ? { refusal: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } }
        : { failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(answer);
});
