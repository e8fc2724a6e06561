import { describe, expect, it } from "vitest";
import { parseIntent } from "../../../src/bot/commands/index.js";
import { PARAPHRASES } from "./paraphrases.js";

/** Each kind said in other words than the tuned corpus: the parser generalises rather than memorises. */
describe("paraphrases of each kind", () => {
  it.each(PARAPHRASES)("%j", (text, expected) => {
    const parsed = parseIntent(text);
    if (expected.kind === "unknown") expect(parsed.kind).toBe("unknown");
    else expect(parsed).toEqual(expected);
  });
});
