import { createHash } from "node:crypto";
import { encrypt, getSignature } from "@wecom/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openEnvelope, sealEnvelope } from "../../../src/channels/wecom/callback/envelope.js";
import { signatureOf, tokenThatSigned } from "../../../src/channels/wecom/callback/signature.js";
import { verifyCallback } from "../../../src/channels/wecom/callback/verify.js";

// platforms.md §3.1: the official WeCom sample credentials.
const TOKEN = "QDG6eK";
const KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
const CORP_ID = "wx5823bf96d3bd56c7";
const OTHER_KEY = "kWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
const secrets = { tokens: [TOKEN], encodingAesKeys: [KEY] };

const V1 = {
  timestamp: "1409659589",
  nonce: "263014780",
  echostr: "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
  onTheWire: "P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D",
  signature: "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
};
const V2 = {
  timestamp: "1409659813",
  nonce: "1372623149",
  encrypted:
    "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==",
  signature: "477715d11cdb4164915debcba66cb864d751f3e6",
};
const V3 = {
  timestamp: "1409659813",
  nonce: "1372623149",
  encrypted:
    "CZWs4CWRpI4VolQlvn4dlEC1alN2MUEY2VklGehgBVLBrlVF7SyT+SV+Toj43l4ayJ9UMGKphktKKmP7B2j/P1ey67XB8PBgS7Wr5/8+w/yWriZv3Vmoo/MH3/1HsIWZrPQ3N2mJrelStIfI2Y8kLKXA7EhfZgZX4o+ffdkZDM76SEl79Ib9mw7TGjZ9Aw/x/A2VjNbV1E8BtEbRxYYcQippYNw7hr8sFfa3nW1xLdxokt8QkRX83vK3DFP2F6TQFPL2Tu98UwhcUpPvdJBuu1/yiOQIScppV3eOuLWEsko=",
  signature: "0623cbc5a8cbee5bcc137c70de99575366fc2af3",
};

// platforms.md §3.2: self-generated AI bot vectors, receiveid "".
const FIXED_RANDOM = Buffer.from("abcdefghijklmnop");
const AI = { timestamp: "1700000000", nonce: "1234567890" };
const AI_ECHO_PLAINTEXT = "8342917465019283746";
const AI_ECHOSTR = "7ho9XWI/HTOA1L6oduAxX/RQQS8a3j+Vg27JPxBz7PF2a/IjuowHEf9aJ1zM1qio02xUVn+ffZyxmWvX3DVexA==";

const flip = (hex: string) => (hex[0] === "0" ? "1" : "0") + hex.slice(1);
const at = (timestamp: string) => new Date(Number(timestamp) * 1000);

describe("official WeCom vectors (platforms.md §3.1)", () => {
  it("V1 URL verification: the signature covers echostr, and it decrypts to the plaintext for the CorpID", () => {
    expect(signatureOf(TOKEN, { timestamp: V1.timestamp, nonce: V1.nonce, encrypted: V1.echostr })).toBe(V1.signature);
    const query = Object.fromEntries(new URLSearchParams(`msg_signature=${V1.signature}&timestamp=${V1.timestamp}&nonce=${V1.nonce}&echostr=${V1.onTheWire}`));
    expect(query.echostr).toBe(V1.echostr);
    const verified = verifyCallback({ query, encrypted: undefined, secrets, receiveId: CORP_ID, now: at(V1.timestamp) });
    expect(verified).toMatchObject({ ok: true, plaintext: "1616140317555161061" });
  });

  it("V1 still verifies when a proxy decoded the query once more and '+' became ' '", () => {
    const query = { msg_signature: V1.signature, timestamp: V1.timestamp, nonce: V1.nonce, echostr: V1.echostr.replaceAll("+", " ") };
    expect(verifyCallback({ query, encrypted: undefined, secrets, receiveId: CORP_ID, now: at(V1.timestamp) })).toMatchObject({ ok: true });
  });

  it("V2 XML message: signature, and an inner text message whose 64-bit MsgId survives as text", () => {
    expect(signatureOf(TOKEN, { timestamp: V2.timestamp, nonce: V2.nonce, encrypted: V2.encrypted })).toBe(V2.signature);
    const opened = openEnvelope([KEY], CORP_ID, V2.encrypted);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.plaintext).toContain("<Content><![CDATA[hello]]></Content>");
    expect(opened.plaintext).toContain("<MsgId>4561255354251345929</MsgId>");
    expect(opened.plaintext).toContain("<AgentID>218</AgentID>");
  });

  it("V3 JSON message: signature and plaintext", () => {
    expect(signatureOf(TOKEN, { timestamp: V3.timestamp, nonce: V3.nonce, encrypted: V3.encrypted })).toBe(V3.signature);
    const opened = openEnvelope([KEY], CORP_ID, V3.encrypted);
    expect(opened).toMatchObject({ ok: true });
    expect(opened.ok && opened.plaintext).toMatch(/^\{"ToUserName":"wx5823bf96d3bd56c7","FromUserName":"mycreate",.*"Content":"hello"/);
  });

  it("the Python JSON sample made with undisclosed credentials does not verify", () => {
    const query = { msg_signature: "e3647471e395d3d5d6b4ea8d8ae8c5d51e80c1e3", timestamp: V3.timestamp, nonce: V3.nonce };
    expect(verifyCallback({ query, encrypted: "cjhLUX7", secrets, receiveId: CORP_ID, now: at(V3.timestamp) })).toEqual({
      ok: false,
      refusal: { status: 401, reason: "bad_signature" },
    });
  });
});

describe("AI bot vectors (platforms.md §3.2, receiveid \"\")", () => {
  it("echostr: fixed random gives the documented ciphertext and signature, and verification returns the plaintext", () => {
    expect(encrypt(KEY, AI_ECHO_PLAINTEXT, "", FIXED_RANDOM)).toBe(AI_ECHOSTR);
    expect(signatureOf(TOKEN, { ...AI, encrypted: AI_ECHOSTR })).toBe("0bbe58b3627705a5632f833e66514dcfa017012d");
    const query = { msg_signature: "0bbe58b3627705a5632f833e66514dcfa017012d", ...AI, echostr: AI_ECHOSTR };
    expect(verifyCallback({ query, encrypted: undefined, secrets, receiveId: "", now: at(AI.timestamp) })).toMatchObject({
      ok: true,
      plaintext: AI_ECHO_PLAINTEXT,
    });
  });

  // The doc abbreviates this message ("…"), so its signature 1a484a93… cannot be reproduced; as §3.2 says, the
  // vector is regenerated here, and the signature recomputed independently of @wecom/crypto.
  it("a group text message: signed as sha1 of the sorted parts, verified and decrypted back to the same JSON", () => {
    const message = {
      msgid: "MSGID0001",
      aibotid: "AIBOTID",
      chatid: "CHATID",
      chattype: "group",
      from: { userid: "USERID" },
      response_url: "RESPONSEURL",
      msgtype: "text",
      text: { content: "@学分助手 我有多少学分" },
    };
    const encrypted = encrypt(KEY, JSON.stringify(message), "", FIXED_RANDOM);
    const signature = createHash("sha1").update([TOKEN, AI.timestamp, AI.nonce, encrypted].sort().join("")).digest("hex");
    expect(getSignature(TOKEN, AI.timestamp, AI.nonce, encrypted)).toBe(signature);
    const verified = verifyCallback({
      query: { msg_signature: signature, ...AI },
      encrypted,
      secrets,
      receiveId: "",
      now: at(AI.timestamp),
    });
    expect(verified.ok && JSON.parse(verified.plaintext)).toEqual(message);
  });

  it("round trip: whatever is sealed opens to the same text for the same receiveid", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        const sealed = sealEnvelope({ token: TOKEN, encodingAesKey: KEY }, "", text, AI.timestamp, AI.nonce);
        expect(signatureOf(TOKEN, { ...AI, encrypted: sealed.encrypted })).toBe(sealed.signature);
        expect(openEnvelope([KEY], "", sealed.encrypted)).toEqual({ ok: true, plaintext: text, encodingAesKey: KEY });
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a signature with one character flipped", () => {
    const query = { msg_signature: flip("0bbe58b3627705a5632f833e66514dcfa017012d"), ...AI, echostr: AI_ECHOSTR };
    expect(verifyCallback({ query, encrypted: undefined, secrets, receiveId: "", now: at(AI.timestamp) })).toMatchObject({
      ok: false,
      refusal: { reason: "bad_signature" },
    });
  });

  it("never accepts a message under the wrong key, although @wecom/crypto decrypts it to garbage with the id \"\"", () => {
    expect(openEnvelope([OTHER_KEY], "", AI_ECHOSTR)).toEqual({ ok: false, reason: "undecryptable" });
    const query = { msg_signature: "0bbe58b3627705a5632f833e66514dcfa017012d", ...AI, echostr: AI_ECHOSTR };
    const wrongKey = { tokens: [TOKEN], encodingAesKeys: [OTHER_KEY] };
    expect(verifyCallback({ query, encrypted: undefined, secrets: wrongKey, receiveId: "", now: at(AI.timestamp) })).toMatchObject({
      ok: false,
      refusal: { status: 401, reason: "undecryptable" },
    });
  });

  it("refuses a message encrypted for the CorpID where \"\" is expected, and the reverse", () => {
    expect(openEnvelope([KEY], "", V2.encrypted)).toEqual({ ok: false, reason: "wrong_receiver" });
    expect(openEnvelope([KEY], CORP_ID, AI_ECHOSTR)).toEqual({ ok: false, reason: "wrong_receiver" });
  });

  it("refuses malformed base64 and ciphertext of the wrong length without throwing", () => {
    for (const garbage of ["abc", "!!!!", "", "AAAA", Buffer.alloc(40).toString("base64")]) {
      expect(openEnvelope([KEY], "", garbage).ok).toBe(false);
    }
  });
});

describe("rotation", () => {
  it("accepts any of several tokens and keys, and reports the ones the request was made with", () => {
    const rotating = { tokens: ["NewToken1", TOKEN], encodingAesKeys: [OTHER_KEY, KEY] };
    const query = { msg_signature: V2.signature, timestamp: V2.timestamp, nonce: V2.nonce };
    expect(verifyCallback({ query, encrypted: V2.encrypted, secrets: rotating, receiveId: CORP_ID, now: at(V2.timestamp) })).toMatchObject({
      ok: true,
      secrets: { token: TOKEN, encodingAesKey: KEY },
    });
    expect(tokenThatSigned(["a", "b"], { timestamp: "1", nonce: "2", encrypted: "3" }, V2.signature)).toBeUndefined();
  });

  it("refuses requests signed more than five minutes away from now, both ways", () => {
    const query = { msg_signature: V2.signature, timestamp: V2.timestamp, nonce: V2.nonce };
    for (const skewSeconds of [-301, 301]) {
      const now = new Date((Number(V2.timestamp) + skewSeconds) * 1000);
      expect(verifyCallback({ query, encrypted: V2.encrypted, secrets, receiveId: CORP_ID, now })).toMatchObject({
        ok: false,
        refusal: { status: 401, reason: "stale" },
      });
    }
  });
});
