import { createSecretBox } from "../../src/secret-box.js";

/** The SECRETS_KEY every test service and fixture uses: fixed, so sealed values survive a restart. */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");

export const testSecretBox = () => createSecretBox([Buffer.from(TEST_SECRETS_KEY, "base64")]);
