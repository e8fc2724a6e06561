import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

/**
 * Every sentence the bot says lives in templates/bot/*.hbs, so wording changes in one place. Templates are
 * plain text (no HTML escaping); empty lines are dropped, since a phone screen has no room for them.
 */
export const templatesDirectory = fileURLToPath(new URL("../../templates/bot", import.meta.url));

export type Templates = { render(name: string, data?: object): string; names(): string[] };

/** An amount of credits or hours to two decimals, as every template shows it ({{n}}). */
export const roundAmount = (value: number) => Math.round(value * 100) / 100;

function formatAmount(value: unknown): string {
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(number)) return String(value);
  return String(roundAmount(number));
}

export function loadTemplates(directory = templatesDirectory): Templates {
  const engine = Handlebars.create();
  engine.registerHelper("n", formatAmount);
  engine.registerHelper("inc", (value: number) => value + 1);
  engine.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith(".hbs"))) {
    const source = readFileSync(path.join(directory, file), "utf8");
    const name = file.slice(0, -".hbs".length);
    if (name.startsWith("_")) engine.registerPartial(name.slice(1), source);
    else compiled.set(name, engine.compile(source, { noEscape: true, strict: false }));
  }
  return {
    render(name, data = {}) {
      const template = compiled.get(name);
      if (!template) throw new Error(`no template named ${name} in ${directory}`);
      return template(data)
        .split("\n")
        .map((line) => line.trimEnd())
        .filter((line) => line.length > 0)
        .join("\n");
    },
    names: () => [...compiled.keys()].sort(),
  };
}
