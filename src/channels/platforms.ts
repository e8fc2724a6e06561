import type { Platform } from "./types.js";

/** What administrators call each platform in messages about deliveries. */
export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = { wecom: "企业微信", dingtalk: "钉钉", playground: "体验频道" };

/** Platforms whose apps may message a person directly (the playground has no one to reach). */
export const DIRECT_MESSAGE_PLATFORMS: readonly Platform[] = ["wecom", "dingtalk"];

/** Platforms whose groups an administrator can register for notices (the playground's are made up). */
export const GROUP_PLATFORMS = ["wecom", "dingtalk"] as const;
