import type { ColumnSpec } from "../domain/spreadsheet/headers.js";
import type { Platform } from "./types.js";

/** What administrators call each platform in messages about deliveries. */
export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = { wecom: "企业微信", dingtalk: "钉钉", playground: "体验频道" };

/** Platforms whose apps may message a person directly (the playground has no one to reach). */
export const DIRECT_MESSAGE_PLATFORMS: readonly Platform[] = ["wecom", "dingtalk"];

/**
 * The platforms this install can actually message a person on: WeCom only through a self-built app (an AI
 * bot answers, it cannot start a conversation), DingTalk through its robot. Nobody is promised a private
 * message that cannot be sent.
 */
export function reachablePlatforms(channels: { wecom: { apps: readonly unknown[] } | undefined; dingtalk: unknown }): Platform[] {
  return DIRECT_MESSAGE_PLATFORMS.filter((platform) => (platform === "wecom" ? (channels.wecom?.apps.length ?? 0) > 0 : channels.dingtalk !== undefined));
}

/** Platforms whose groups an administrator can register for notices (the playground's are made up). */
export const GROUP_PLATFORMS = ["wecom", "dingtalk"] as const;

/** Platforms whose admin consoles keep an address book the organisation can hand us. */
export type DirectoryPlatform = (typeof GROUP_PLATFORMS)[number];

/**
 * The roster column holding each platform's account id (the userid its admin console shows), so a roster can
 * say which chat account is which person.
 */
export const ROSTER_ACCOUNT_COLUMNS = [
  { platform: "wecom", column: { name: "企业微信账号", aliases: ["企业微信UserID", "企微账号", "账号"] } },
  { platform: "dingtalk", column: { name: "钉钉UserID", aliases: ["钉钉账号", "钉钉userId", "钉钉UserId"] } },
] as const satisfies readonly { platform: DirectoryPlatform; column: ColumnSpec<string> }[];

export type RosterAccountColumn = (typeof ROSTER_ACCOUNT_COLUMNS)[number]["column"]["name"];

export type AddressBookColumn = "姓名" | "账号" | "手机" | "部门";

/** The address-book export each platform's admin console (通讯录 → 导出) produces, as its headers read. */
export const ADDRESS_BOOK_COLUMNS: Record<DirectoryPlatform, readonly ColumnSpec<AddressBookColumn>[]> = {
  wecom: [
    { name: "姓名", required: true },
    { name: "账号", aliases: ["UserID", "userid", "成员UserID", "企业微信账号"], required: true },
    { name: "手机", aliases: ["手机号", "手机号码"] },
    { name: "部门", aliases: ["所在部门"] },
  ],
  dingtalk: [
    { name: "姓名", required: true },
    { name: "账号", aliases: ["员工UserID", "UserID", "userid", "UserId", "钉钉UserID"], required: true },
    { name: "手机", aliases: ["手机号", "手机号码"] },
    { name: "部门", aliases: ["所在部门", "部门名称"] },
  ],
};
