import { corrected } from "./correct.js";
import { normalise, type NormalisedText } from "./normalise.js";
import { withoutPoliteness } from "./politeness.js";
import { slotsOf, type Slots } from "./slots.js";

/**
 * Understanding is a pipeline of pure steps, each in its own module and tested alone: normalise
 * (characters, mentions, spaces) → drop politeness → correct (regional words, homophone typos) → find the
 * slots; then the commands' matchers classify (commands/index.ts tries them in precedence order). No I/O,
 * no clock, no role: what the sender may do is the commands' business.
 */
export interface Understood {
  readonly message: NormalisedText;
  readonly slots: Slots;
}

export function understand(text: string): Understood {
  const message = corrected(withoutPoliteness(normalise(text)));
  return { message, slots: slotsOf(message) };
}

/** The text the matchers see, for tests and the corpus tool. */
export function normaliseText(text: string): string {
  return understand(text).message.text;
}
