import { PRO_RATING_DEFAULT_REASON, type PolicyInput } from "../policy-schema.js";

/** 兰西 (seed 004, 2024—2025学年度上学期方案): credit-rules.md D1–D7. */
export const lanxi = {
  id: "lanxi",
  name: "兰西县教师培训方案",
  region: "黑龙江省兰西县",
  unit: "hour",
  cycle: {
    years: 5,
    anchor: "2021-09-01",
    source: "D1",
    configurableDefault: "方案引用“五年一周期”，未写起始年份；按 2021 年 9 月（“十四五”期间首个学年度）起算",
  },
  total: { required: 360, source: "D1" },
  proRating: { by: "years", source: "D1", configurableDefault: PRO_RATING_DEFAULT_REASON },
  years: {
    startMonth: 9,
    source: "D2",
    configurableDefault: "方案按学年度学期组织，年度按 9 月—次年 8 月统计；方案未给年度最低学时",
  },
  assessments: [
    {
      kind: "teacher_semester",
      label: "教师考核",
      minScore: 60,
      hours: 24,
      source: "D2",
      items: [
        { key: "reflection", label: "集中培训心得体会", points: 20, minChars: 1000 },
        { key: "lesson_review", label: "同课异构有效评课", points: 20, minChars: 800 },
        { key: "platform_hours", label: "国家中小学智慧教育平台 10 学时证书", points: 20 },
        { key: "teaching_design", label: "推门课教学设计（不少于 2 节）", points: 20 },
        { key: "activity_reflection", label: "校际联研活动反思", points: 20, minChars: 800 },
      ],
      helperBonusPoints: 5,
    },
    { kind: "school_based", label: "校本培训考核", minScore: 80, hours: 12, mode: "school_based", source: "D3" },
  ],
  schoolAssessment: {
    items: [
      { key: "plan_and_summary", label: "按时上传培训计划和培训总结", points: 10 },
      { key: "centralized_participation", label: "参与集中培训及二次培训", points: 10 },
      { key: "outsourced_tasks", label: "完成进修学校外派培训任务", points: 10 },
      { key: "materials_reported", label: "平时培训材料上报", points: 10 },
    ],
    averageTeacherScoreWeight: 0.6,
    bonuses: [
      { key: "hosted_event", label: "为县级及以上研培活动提供现场", pointsEach: 2 },
      { key: "staff_lent", label: "派出兼职教研员、骨干教师协助研培工作（每人次）", pointsEach: 1 },
    ],
    source: "D5",
  },
  modeNames: { online: "线上研修" },
  notes: [
    { source: "D4", text: "智慧教育平台 10 学时须按期完成，并把证书照片上传到进修学校网站个人中心" },
    { source: "D6", text: "9—12 月每月一个校本培训主题，由机器人按月播报（不属于学时计算）" },
    { source: "D7", text: "作业以文章链接提交；字数要求由审核人检查，提醒时注明最低字数" },
  ],
} satisfies PolicyInput;
