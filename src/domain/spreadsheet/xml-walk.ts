import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";
import { DomainError } from "../errors.js";
import { unreadableFile } from "./zip-archive.js";

/** What a part reader does with each element; names come without their namespace prefix (x:row is row). */
export type XmlVisitor = {
  open?: (name: string, attributes: Readonly<Record<string, string>>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
};

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/**
 * Walks an XML part as it unpacks, chunk by chunk, so memory stays at one chunk whatever the part's size.
 * A visitor stops the walk (and the unpacking) by throwing; a DomainError it throws reaches the caller as
 * is, anything else the XML does wrong becomes "unreadable". No DTD is processed, so entities cannot expand.
 */
export async function walkXml(chunks: AsyncIterable<Buffer>, visitor: XmlVisitor): Promise<void> {
  const parser = new SaxesParser({ position: false });
  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attributes[localName(name)] = value;
    visitor.open?.(localName(tag.name), attributes);
  });
  if (visitor.text) {
    parser.on("text", visitor.text);
    parser.on("cdata", visitor.text);
  }
  if (visitor.close) parser.on("closetag", (tag) => visitor.close?.(localName(tag.name)));

  const decoder = new StringDecoder("utf8");
  try {
    for await (const chunk of chunks) parser.write(decoder.write(chunk));
    parser.write(decoder.end());
    parser.close();
  } catch (error) {
    throw error instanceof DomainError ? error : unreadableFile();
  }
}
