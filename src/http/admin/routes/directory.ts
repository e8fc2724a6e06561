import { GROUP_PLATFORMS } from "../../../channels/platforms.js";
import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { importAddressBook, type AddressBookReport } from "../../../domain/imports/address-book.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { queryOf } from "../validation.js";
import { uploadOf } from "./spreadsheets.js";

const directoryQuery = z.object({ platform: z.enum(GROUP_PLATFORMS, `应为 ${GROUP_PLATFORMS.join(" 或 ")}`) });

/**
 * The platform's own address book as the source of identity: the export of its admin
 * console, matched to the roster. `dryRun=true` shows the matching and writes nothing.
 */
export function directoryRoutes(deps: AdminDependencies): Router {
  const router = new Router();

  router.post("/directory/import", async (ctx) => {
    const actor = actorIn(ctx);
    // Refused before the upload is read, so a teacher's token cannot make the server read 10 MB.
    requireRole(actor, "region_admin", "school_admin");
    const { platform } = queryOf(ctx, directoryQuery);
    const { dryRun, file } = await uploadOf(ctx);
    const report = await importAddressBook(deps.prisma, { actor, platform, file, dryRun, secrets: deps.secrets });
    if (!report.ok) {
      ctx.status = 422;
      ctx.body = { error: "import_rejected", field: "file", message: describeAddressBook(report), ...report };
      return;
    }
    ctx.body = { message: describeAddressBook(report), ...report };
  });

  return router;
}

function describeAddressBook(report: AddressBookReport): string {
  const { lines, matched, alreadyLinked, unmatched, ambiguous, conflicts, outOfScope } = report.summary;
  if (!report.ok) return `文件「${report.file}」不是可以导入的通讯录：${report.errors.map((error) => error.message).join("；")}`;
  const will = report.applied ? "已关联" : "可关联";
  const rest = [
    alreadyLinked > 0 ? `${alreadyLinked} 人此前已关联` : "",
    unmatched > 0 ? `${unmatched} 行没对上` : "",
    ambiguous > 0 ? `${ambiguous} 行有重名无法确定` : "",
    conflicts > 0 ? `${conflicts} 行账号有冲突` : "",
    outOfScope > 0 ? `${outOfScope} 行不是本校人员` : "",
    report.errors.length > 0 ? `${report.errors.length} 处内容有误` : "",
  ].filter(Boolean);
  const opening = report.applied ? `已导入「${report.file}」` : `「${report.file}」试导入（未写入）`;
  return `${opening}：共 ${lines} 行，${will} ${matched} 个账号${rest.length > 0 ? `；${rest.join("，")}` : ""}。`;
}
