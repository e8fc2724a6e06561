import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { createBot } from "../bot/pipeline.js";
import { createCoordination } from "../coordination/index.js";
import { loadTemplates } from "../bot/templates.js";
import { TO_COLLEAGUES, type PlaygroundPlace } from "../channels/playground/decode.js";
import { bindPlaygroundPerson, UnknownPersonError, type PlaygroundPerson } from "../channels/playground/person.js";
import { createPlayground } from "../channels/playground/playground.js";
import { todayIn } from "../domain/calendar.js";
import { loadDemoData } from "../domain/demo-data.js";
import { checkEmployeeNumber } from "../domain/employee-number.js";
import { createLogger } from "../logger.js";
import { openConfiguredDatabase } from "./open-configured-database.js";
import { secretBoxFor } from "../secret-box.js";

/**
 * `npm run chat -- --as T0001 [--group [群名]]`: talk to the bot in the terminal as a person of the roster,
 * through the same pipeline and configured database as WeCom and DingTalk. With a terminal it is a chat;
 * otherwise it reads one message per line and prints each reply, so it can be scripted.
 * Exit codes: 0 done, 1 unknown person, 2 usage.
 */

const USAGE = `用法:
  npm run chat -- --as <工号> [--group [群名]] [--region <地区代码>]
  例如: npm run chat -- --as T0003
        npm run chat -- --as T0001 --group
  脚本: printf '我还差多少学分\\n我的作业\\n' | npm run -s chat -- --as T0003`;

const EXIT_WORDS = new Set(["退出", "exit", "quit"]);

type Options = { employeeNumber: string; groupName: string | undefined; inGroup: boolean; regionCode: string | undefined };

function optionsOf(argv: string[]): Options {
  // --group takes an optional name, which parseArgs cannot express: the name is the one positional.
  const { values, positionals } = parseArgs({
    args: argv,
    options: { as: { type: "string" }, group: { type: "boolean", default: false }, region: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  if (!values.as?.trim()) throw new Error("缺少 --as <工号>");
  const employeeNumber = checkEmployeeNumber(values.as);
  if (!employeeNumber.ok) throw new Error(`--as：${employeeNumber.message}`);
  if (positionals.length > (values.group ? 1 : 0)) throw new Error(`多余的参数：${positionals.join(" ")}`);
  return { employeeNumber: employeeNumber.value, inGroup: values.group === true, groupName: positionals[0], regionCode: values.region };
}

function placeOf(options: Options, person: PlaygroundPerson): PlaygroundPlace {
  if (!options.inGroup) return { kind: "direct" };
  return { kind: "group", name: options.groupName ?? person.school?.code ?? person.region.code };
}

function welcome(person: PlaygroundPerson, place: PlaygroundPlace): string {
  const who = `${person.teacher.name}（${person.teacher.employeeNumber}${person.school ? `，${person.school.name}` : ""}）`;
  const where =
    place.kind === "group"
      ? `在群「${place.name}」里说话：直接输入就是 @机器人；以 ${TO_COLLEAGUES} 开头是和同事说话，机器人不会回。`
      : "在和机器人私聊。";
  return `继教学分助手 · 演练场\n你现在是 ${who}，${where}\n发「帮助」看看能做什么，「退出」或 Ctrl-D 结束。\n`;
}

let options: Options;
try {
  options = optionsOf(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const { config, database } = await openConfiguredDatabase();
try {
  await database.migrate();
  if (config.demoData !== "never" && (await database.prisma.region.count()) === 0) {
    await loadDemoData(database.prisma, todayIn(config.defaultTimezone, new Date()));
  }
  const person = await bindPlaygroundPerson(database.prisma, options.employeeNumber, options.regionCode);
  const place = placeOf(options, person);
  const logger = createLogger("warn", pino.destination({ dest: 2, sync: true }));
  const bot = createBot({ prisma: database.prisma, templates: loadTemplates(), now: () => new Date(), logger, secrets: secretBoxFor(config), coordination: createCoordination({ logger }) });
  const playground = createPlayground({ prisma: database.prisma, bot, now: () => new Date() }, person, place);

  const interactive = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  lines.on("SIGINT", () => lines.close());
  if (interactive) {
    console.log(welcome(person, place));
    lines.setPrompt(`${person.teacher.name}> `);
    lines.prompt();
  }
  for await (const line of lines) {
    const text = line.trim();
    if (EXIT_WORDS.has(text)) break;
    if (text !== "") {
      const replies = await playground.say(text);
      if (replies.length > 0) console.log(`${replies.join("\n")}\n`);
    }
    if (interactive) lines.prompt();
  }
  lines.close();
} catch (error) {
  if (!(error instanceof UnknownPersonError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
