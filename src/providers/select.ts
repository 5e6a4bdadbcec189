import type { Config } from "../config.js";
import type { AvatarRenderer } from "../core/avatar-renderer.js";
import type { FaceChoice } from "../core/twin.js";
import { candidates as allCandidates } from "./candidates.js";
import {
  type AnyCandidate,
  type Availability,
  type ProviderContext,
  STAGES,
  type Stage,
  type StageTypes,
} from "./registry.js";

export interface StageReport {
  stage: Stage;
  /** Id of the provider that serves the stage, or null when none can. */
  active: string | null;
  providers: (Availability & { id: string; kind: AnyCandidate["kind"]; description: string })[];
}

/** Checks every candidate: which serves each stage and why the others do not (`aitwin doctor`). */
export async function diagnose(config: Config, candidates = allCandidates): Promise<StageReport[]> {
  const reports: StageReport[] = [];
  for (const stage of STAGES) {
    const providers = [];
    for (const candidate of candidates.filter((each) => each.stage === stage)) {
      const availability = await candidate.check(config).catch((error: unknown) => ({
        available: false,
        reason: `check failed: ${(error as Error).message}`,
      }));
      providers.push({
        id: candidate.id,
        kind: candidate.kind,
        description: candidate.description,
        ...availability,
      });
    }
    reports.push({ stage, active: providers.find((each) => each.available)?.id ?? null, providers });
  }
  return reports;
}

/** The first available provider of a stage, created; undefined when none can serve. */
export async function selectProvider<S extends Stage>(
  stage: S,
  config: Config,
  candidates = allCandidates,
  context: ProviderContext = {},
): Promise<StageTypes[S] | undefined> {
  for (const candidate of candidates) {
    if (candidate.stage !== stage) continue;
    const { available } = await candidate.check(config).catch(() => ({ available: false }));
    if (available) return (await candidate.create(config, context)) as StageTypes[S];
  }
  return undefined;
}

/** The first available talking-head provider that can animate this face (cloud avatars take photos only). */
export async function selectRenderer(
  face: FaceChoice,
  config: Config,
  candidates = allCandidates,
  context: ProviderContext = {},
): Promise<AvatarRenderer | undefined> {
  for (const candidate of candidates) {
    if (candidate.stage !== "talking-head") continue;
    const { available } = await candidate.check(config).catch(() => ({ available: false }));
    if (!available) continue;
    const renderer = (await candidate.create(config, context)) as AvatarRenderer;
    if (renderer.canRender?.(face) ?? true) return renderer;
  }
  return undefined;
}
