import type { Evaluation } from "../credits/index.js";

/** One teacher's line in a school report, flattened for JSON and spreadsheets alike. */
export type ReportRow = {
  earned: number;
  required: number;
  missing: number;
  met: boolean;
  categories: Record<string, { earned: number; required: number }>;
  floors: Record<string, { earned: number; required: number }>;
  years: { year: number; label: string; earned: number; required: number | null; met: boolean }[];
};

export function reportRowOf(evaluation: Evaluation): ReportRow {
  const pick = (tallies: Evaluation["categories"]) =>
    Object.fromEntries(Object.entries(tallies).map(([key, t]) => [key, { earned: t.earned, required: t.required }]));
  const totalShortfall = evaluation.shortfalls.find((s) => s.scope === "cycle" && s.key === "total");
  return {
    earned: evaluation.total.earned,
    required: evaluation.total.required,
    missing: totalShortfall?.missing ?? 0,
    met: evaluation.met,
    categories: pick(evaluation.categories),
    floors: pick(evaluation.floors),
    years: evaluation.years.map((y) => ({ year: y.year, label: y.label, earned: y.earned, required: y.required, met: y.met })),
  };
}
