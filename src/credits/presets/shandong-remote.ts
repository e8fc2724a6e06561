import type { PolicyInput } from "../policy-schema.js";

/** 山东中小学教师全员远程研修 (seed 001): credit-rules.md E5. */
export const shandongRemote = {
  id: "shandong-remote",
  name: "山东省中小学教师全员远程研修",
  region: "山东省",
  unit: "credit",
  cycle: {
    years: 1,
    anchor: "2017-09-01",
    source: "E5",
    configurableDefault: "方案是一个学年度的远程研修，只规定合格记 18 学分；本预设以学年度（9 月起）为周期",
  },
  total: {
    required: 18,
    source: "E5",
    configurableDefault: "方案未给学分总要求；以完成当学年远程研修（18 学分）为要求",
  },
  proRating: {
    by: "none",
    source: "E5",
    configurableDefault: "周期只有一个学年度，远程研修合格即记 18 学分，中途入职也不折算",
  },
  fixedCredits: [
    {
      id: "remote_training",
      label: "全员远程研修",
      credits: 18,
      match: { modes: ["online"], tags: ["remote_training"] },
      source: "E5",
    },
  ],
  years: { startMonth: 9, source: "E5" },
  consequences: {
    cycleShortfall: [{ code: "NOT_RATED_EXCELLENT", text: "本学年考核不能评为优秀等级", source: "E5" }],
  },
  modeNames: { online: "远程研修" },
  notes: [
    { source: "E5", text: "分散研修期间不能及时完成当日任务的，视为请假一天，计入本学年考勤（不改变学分）" },
    { source: "E5", text: "被教育局通报批评的教师，不能登记继续教育学分，本学年考核不能评为优秀" },
  ],
} satisfies PolicyInput;
