import { formatProblem, isPresetName, parsePolicy, PRESET_NAMES, PRESETS, type Policy } from "../credits/index.js";
import type { Region } from "../generated/prisma/client.js";
import { DomainError } from "./errors.js";

/**
 * Parsed custom policies by their stored text: validating a policy document is far dearer than the
 * lookup, and every balance asks for it. A changed document has a different text, so nothing goes stale.
 */
const parsedCustomPolicies = new Map<string, Policy>();
const MAX_CACHED_POLICIES = 100;

/** The rules a region counts by: its own policy document when it has one, else its preset. */
export function policyOfRegion(region: Pick<Region, "policy" | "customPolicy">): Policy {
  if (region.customPolicy !== null) {
    const text = JSON.stringify(region.customPolicy);
    const cached = parsedCustomPolicies.get(text);
    if (cached) return cached;
    const parsed = parsePolicy(region.customPolicy);
    // Custom policies are validated when stored; failing here means the stored document was tampered with.
    if (!parsed.ok) throw new Error(`stored policy of region is invalid: ${parsed.problems.map(formatProblem).join("; ")}`);
    if (parsedCustomPolicies.size >= MAX_CACHED_POLICIES) parsedCustomPolicies.clear();
    parsedCustomPolicies.set(text, parsed.value);
    return parsed.value;
  }
  if (!isPresetName(region.policy)) throw new Error(`region refers to unknown preset ${region.policy}`);
  return PRESETS[region.policy];
}

/** Validates a preset name or a full policy document for storing on a region, listing every problem. */
export function checkPolicyChoice(choice: { preset: string } | { policy: unknown }): { policy: string; customPolicy: Policy | null } {
  if ("preset" in choice) {
    if (!isPresetName(choice.preset)) {
      throw new DomainError("unknown_preset", `没有名为 ${choice.preset} 的预设规则，可选：${PRESET_NAMES.join("、")}。`, { field: "preset" });
    }
    return { policy: choice.preset, customPolicy: null };
  }
  const parsed = parsePolicy(choice.policy);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    throw new DomainError("invalid_policy", `规则文件有 ${parsed.problems.length} 处问题：${parsed.problems.map(formatProblem).join("；")}`, {
      field: first?.where ? `policy.${first.where}` : "policy",
    });
  }
  return { policy: parsed.value.id, customPolicy: parsed.value };
}
