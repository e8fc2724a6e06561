import { formatChineseDate } from "./dates.js";
import type { Policy } from "./policy-schema.js";
import { describeScheme, yearScheme } from "./years.js";
import { CATEGORIES, CATEGORY_NAMES, LEVEL_NAMES, LEVELS, MODE_NAMES, MODES, RESULT_NAMES, UNIT_NAMES, type Level, type Mode, type ProRatingMode } from "./vocabulary.js";

/**
 * A policy as plain Chinese text, one rule per line, each ending with the seed rule it comes from and,
 * for values the seed does not give, why the value was chosen. Used by `credits explain`.
 */

interface Provenance {
  readonly source: string;
  readonly configurableDefault?: string | undefined;
}

function cite(provenance: Provenance): string {
  return provenance.configurableDefault === undefined
    ? `〔${provenance.source}〕`
    : `〔${provenance.source}；默认值，可调整：${provenance.configurableDefault}〕`;
}

export function levelName(policy: Policy, level: Level): string {
  return policy.levelNames[level] ?? LEVEL_NAMES[level];
}

export function modeName(policy: Policy, mode: Mode): string {
  return policy.modeNames[mode] ?? MODE_NAMES[mode];
}

export function levelList(policy: Policy, levels: readonly Level[]): string {
  return levels.map((level) => levelName(policy, level)).join("、");
}

const PRO_RATING_TEXT: Readonly<Record<ProRatingMode, string>> = {
  none: "不折算，周期要求与其他教师相同",
  years: "周期总要求、各类别和分项最低要求按本周期在职年数折算（入职当年算一整年），保留两位小数、舍去其余；年度要求从入职次年算起",
  months: "周期总要求、各类别和分项最低要求按本周期在职月数折算（入职当月算一整月），保留两位小数、舍去其余；年度要求从入职次年算起",
};

export function describePolicy(policy: Policy): string {
  const unit = UNIT_NAMES[policy.unit];
  const lines: string[] = [`${policy.name}（${policy.id}）`, `地区：${policy.region}`, `计量单位：${unit}`];

  lines.push(
    `培训周期：${policy.cycle.years} 年一轮，自${formatChineseDate(policy.cycle.anchor)}起算${cite(policy.cycle)}`,
    `周期总要求：不少于 ${policy.total.required} ${unit}${cite(policy.total)}`,
  );
  lines.push(`周期中途入职：${PRO_RATING_TEXT[policy.proRating.by]}${cite(policy.proRating)}`);

  const conversion = policy.conversion;
  if (conversion !== undefined) {
    const rates = MODES.flatMap((mode) => {
      const rate = conversion.hoursPerCredit[mode];
      return rate === undefined ? [] : [`${modeName(policy, mode)} ${rate} 学时 = 1 学分`];
    });
    lines.push(`学时折算：${rates.join("；")}；不足 1 学分的部分按实际保留两位小数${cite(conversion)}`);
  }

  const categories = policy.categories;
  if (categories !== undefined) {
    for (const category of CATEGORIES) {
      const rule = categories[category];
      if (rule !== undefined) lines.push(`${CATEGORY_NAMES[category]}：不少于 ${rule.minimum} ${unit}${cite(rule)}`);
    }
  }
  for (const route of policy.overflow) {
    const targets = route.to.map((category) => CATEGORY_NAMES[category]).join("、");
    lines.push(`超出折抵：${CATEGORY_NAMES[route.from]}超出的部分可折抵${targets}，其他类别不互相折抵${cite(route)}`);
  }
  for (const floor of policy.floors) lines.push(`${floor.label}：不少于 ${floor.minimum} ${unit}${cite(floor)}`);
  for (const fixed of policy.fixedCredits) lines.push(`固定学分：${fixed.label}考核合格计 ${fixed.credits} 学分${cite(fixed)}`);

  const gradeBonus = policy.gradeBonus;
  if (gradeBonus !== undefined) {
    const bands = gradeBonus.bands.map((band) => {
      const percents = (["pass", "good", "excellent"] as const).flatMap((result) => {
        const percent = band.percent[result];
        return percent === undefined || percent === 0 ? [] : [`${RESULT_NAMES[result]} +${percent}%`];
      });
      return `${levelList(policy, band.levels)}项目：${percents.join("，")}`;
    });
    lines.push(`等次奖励（在基础${unit}上）：${bands.join("；")}${cite(gradeBonus)}`);
  }
  const lecturerBonus = policy.lecturerBonus;
  if (lecturerBonus !== undefined) {
    const bands = lecturerBonus.bands.map((band) => `${levelList(policy, band.levels)}项目 +${band.percent}%`);
    const stacking = lecturerBonus.stacksWithGradeBonus ? "可与等次奖励叠加" : "不与等次奖励叠加";
    lines.push(`主讲教师奖励（在基础${unit}上）：${bands.join("；")}；${stacking}${cite(lecturerBonus)}`);
  }

  lines.push(`年度统计：${describeScheme(yearScheme(policy.years.startMonth, policy.years.endMonth))}${cite(policy.years)}`);
  const annual = policy.annual;
  if (annual !== undefined) {
    const annualUnit = UNIT_NAMES[annual.unit];
    if (annual.minimum !== undefined) lines.push(`年度最低要求：每年不少于 ${annual.minimum} ${annualUnit}${cite(annual)}`);
    for (const floor of annual.floors) lines.push(`年度${floor.label}：每年不少于 ${floor.minimum} ${annualUnit}${cite(floor)}`);
  }

  for (const award of policy.assessments) {
    const items = award.items.map((item) => `${item.label} ${item.points} 分${item.minChars === undefined ? "" : `（不少于 ${item.minChars} 字）`}`);
    const helper = award.helperBonusPoints === undefined ? [] : [`协助完成研培工作每次加 ${award.helperBonusPoints} 分`];
    const detail = items.length + helper.length === 0 ? "" : `；评分：${[...items, ...helper].join("，")}`;
    lines.push(`考核认定：${award.label} ${award.minScore} 分及以上认定 ${award.hours} 学时${detail}${cite(award)}`);
  }
  const school = policy.schoolAssessment;
  if (school !== undefined) {
    const items = school.items.map((item) => `${item.label} ${item.points} 分`);
    const bonuses = school.bonuses.map((bonus) => `${bonus.label}每次加 ${bonus.pointsEach} 分`);
    lines.push(`学校考核：${[...items, `教师考核平均分 × ${school.averageTeacherScoreWeight}`, ...bonuses].join("，")}${cite(school)}`);
  }

  const { annualShortfall, cycleShortfall, preServiceIncomplete } = policy.consequences;
  const consequenceTexts: [string, typeof annualShortfall][] = [
    ["年度未达标", annualShortfall],
    ["周期未达标", cycleShortfall],
    ["岗前培训未完成", preServiceIncomplete],
  ];
  for (const [when, consequences] of consequenceTexts) {
    if (consequences.length === 0) continue;
    const sources = [...new Set(consequences.map((consequence) => consequence.source))].join("、");
    lines.push(`${when}：${consequences.map((consequence) => consequence.text).join("，")}〔${sources}〕`);
  }

  if (policy.degreeUpgrade !== undefined) {
    lines.push(
      `学历提升：经县级及以上教育行政部门批准，参加与任教学科相同或相近专业的学历提升并取得国家认可证书的，视为本轮继续教育学分合格${cite(policy.degreeUpgrade)}`,
    );
  }
  const preService = policy.preService;
  const preServiceHours =
    preService.requiredHours === undefined ? "" : `；须在入职后 ${preService.withinMonths} 个月内完成不少于 ${preService.requiredHours} 学时`;
  lines.push(
    `岗前培训：${preService.excluded ? "新任教师岗前培训单独统计，不计入周期学分" : "岗前培训计入周期学分"}${preServiceHours}${cite(preService)}`,
  );
  if (policy.gradeQuota !== undefined) {
    const quota = policy.gradeQuota;
    lines.push(
      `成绩等次比例：每个项目良好及以上不超过 ${quota.goodOrBetterMaxPercent}%，其中优秀不超过 ${quota.excellentMaxPercent}%（按参训人数计算，向下取整）${cite(quota)}`,
    );
  }
  if (policy.certification !== undefined) {
    const certification = policy.certification;
    const frequency = certification.perYear === 2 ? "每半年审核登记一次，年底汇总" : "每年至少认定一次";
    lines.push(`学时认定：${frequency}，由${certification.by}负责${cite(certification)}`);
  }
  const usualModes = LEVELS.flatMap((level) => {
    const mode = policy.defaultModes[level];
    return mode === undefined ? [] : [`${levelName(policy, level)}培训通常为${modeName(policy, mode)}`];
  });
  if (usualModes.length > 0) lines.push(`通常的培训形式（问测算时没说形式就按它算）：${usualModes.join("；")}`);
  for (const note of policy.notes) lines.push(`说明：${note.text}〔${note.source}〕`);
  lines.push(
    `通用规则：考核不合格不予登记〔A1〕；未经审核的项目不予登记〔A2〕；培训中请假的学时予以扣除〔A3〕；项目级别按发文单位级别确定（${LEVELS.map((level) => levelName(policy, level)).join(" > ")}）〔A6〕`,
  );
  return lines.join("\n");
}
