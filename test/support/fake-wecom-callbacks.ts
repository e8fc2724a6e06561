import { randomBytes } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";

/**
 * Builds callbacks the way WeCom's servers do: the message encrypted for the receiveid, signed with the
 * token over timestamp, nonce and ciphertext, the signature in the query string.
 */

export type CallbackSecrets = { token: string; encodingAesKey: string; receiveId: string };

export function signedQuery(token: string, encrypted: string, timestamp: number, nonce: string, echostr?: string): string {
  const params = new URLSearchParams({
    msg_signature: getSignature(token, String(timestamp), nonce, encrypted),
    timestamp: String(timestamp),
    nonce,
    ...(echostr === undefined ? {} : { echostr }),
  });
  return params.toString();
}

/** GET ?msg_signature&timestamp&nonce&echostr, the URL check WeCom makes when an admin saves the URL. */
export function verificationQuery(secrets: CallbackSecrets, plaintext: string, timestamp: number, nonce = "263014780"): string {
  const echostr = encrypt(secrets.encodingAesKey, plaintext, secrets.receiveId);
  return signedQuery(secrets.token, echostr, timestamp, nonce, echostr);
}

/** An AI bot message: JSON {"encrypt": …} in the body. */
export function aiBotCallback(secrets: CallbackSecrets, payload: unknown, timestamp: number, nonce?: string) {
  return aiBotCallbackOf(secrets, JSON.stringify(payload), timestamp, nonce);
}

/** The same with any plaintext, JSON or not. */
export function aiBotCallbackOf(secrets: CallbackSecrets, plaintext: string, timestamp: number, nonce = randomBytes(5).toString("hex")) {
  const encrypted = encrypt(secrets.encodingAesKey, plaintext, secrets.receiveId);
  return { query: signedQuery(secrets.token, encrypted, timestamp, nonce), body: JSON.stringify({ encrypt: encrypted }) };
}

/** A self-built app message: the XML envelope with the encrypted inner XML. */
export function appCallback(secrets: CallbackSecrets & { agentId: string }, innerXml: string, timestamp: number, nonce = randomBytes(5).toString("hex")) {
  const encrypted = encrypt(secrets.encodingAesKey, innerXml, secrets.receiveId);
  const body = `<xml><ToUserName><![CDATA[${secrets.receiveId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${secrets.agentId}]]></AgentID></xml>`;
  return { query: signedQuery(secrets.token, encrypted, timestamp, nonce), body };
}

export function appTextXml(fields: { corpId: string; from: string; content: string; msgId: string; agentId: string; createTime: number }): string {
  return (
    `<xml><ToUserName><![CDATA[${fields.corpId}]]></ToUserName><FromUserName><![CDATA[${fields.from}]]></FromUserName>` +
    `<CreateTime>${fields.createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${fields.content}]]></Content>` +
    `<MsgId>${fields.msgId}</MsgId><AgentID>${fields.agentId}</AgentID></xml>`
  );
}

/** Opens a passive AI bot reply as WeCom would: checks its signature, decrypts it, parses the JSON. */
export function openAiBotReply(secrets: CallbackSecrets, reply: { encrypt: string; msgsignature: string; timestamp: string; nonce: string }) {
  const expected = getSignature(secrets.token, reply.timestamp, reply.nonce, reply.encrypt);
  if (expected !== reply.msgsignature) throw new Error("reply signature does not verify");
  const opened = decrypt(secrets.encodingAesKey, reply.encrypt);
  if (opened.id !== secrets.receiveId) throw new Error(`reply encrypted for ${JSON.stringify(opened.id)}`);
  return JSON.parse(opened.message) as { msgtype: string; stream?: { id: string; finish: boolean; content: string } };
}

/** A group text message @-mentioning the AI bot, as the AI bot callback delivers it. */
export function aiBotText(fields: { msgid: string; from: string; content: string; chatid?: string; responseUrl?: string }) {
  return {
    msgid: fields.msgid,
    aibotid: "AIBOTID",
    ...(fields.chatid ? { chatid: fields.chatid, chattype: "group" } : { chattype: "single" }),
    from: { userid: fields.from },
    ...(fields.responseUrl ? { response_url: fields.responseUrl } : {}),
    msgtype: "text",
    text: { content: fields.content },
  };
}
