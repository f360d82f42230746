/**
 * Reads the readable data files in data/ and checks every one of them with the shared zod
 * schemas before anything is written: a bad file is reported whole, every problem at once.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { z } from "zod";
import { AgreementFile, AreasFile, CatalogueFile, OrganisationsFile } from "@accord/domain";
import { AppError } from "../../errors.js";
import { FundingStreamsFile, fundingStreamsFileName } from "../funding/demo.js";
import { RewardGrantFile, rewardGrantFileName } from "../reward/demo.js";
import { ConsultationDiaryFile, consultationDiaryFileName } from "../consultation/demo.js";

/** Loaded in this order so a predecessor exists before its successor. */
export const demoAgreementFiles = ["kent-ka1.yaml", "kent-ka2.yaml"] as const;

export interface DataFiles {
  areas: z.infer<typeof AreasFile>;
  organisations: z.infer<typeof OrganisationsFile>;
  catalogue: z.infer<typeof CatalogueFile>;
  agreements: AgreementFile[];
  /** data/reward-grant.yaml, where the folder has one (generated bench folders do not). */
  rewardGrant: RewardGrantFile | undefined;
  /** data/consultation-diary.yaml, where the folder has one. */
  consultationDiary: ConsultationDiaryFile | undefined;
  /** data/funding-streams.yaml, where the folder has one. */
  fundingStreams: FundingStreamsFile | undefined;
}

function readYaml<T extends z.ZodType>(folder: string, file: string, schema: T, problems: { field: string; message: string }[]): z.infer<T> | undefined {
  let raw: unknown;
  try {
    raw = parse(readFileSync(join(folder, file), "utf8"));
  } catch (error) {
    problems.push({ field: file, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ field: `${file}: ${issue.path.join(".")}`, message: issue.message });
    }
    return undefined;
  }
  return result.data;
}

/** agreementFiles: which agreement files to read, in load order (the bench loads generated ones). */
export function readDataFiles(folder: string, agreementFiles: readonly string[] = demoAgreementFiles): DataFiles {
  const problems: { field: string; message: string }[] = [];
  const areas = readYaml(folder, "areas.yaml", AreasFile, problems);
  const organisations = readYaml(folder, "organisations.yaml", OrganisationsFile, problems);
  const catalogue = readYaml(folder, "ni-catalogue.yaml", CatalogueFile, problems);
  const agreements = agreementFiles.map((file) => readYaml(folder, file, AgreementFile, problems));
  const rewardGrant = existsSync(join(folder, rewardGrantFileName))
    ? readYaml(folder, rewardGrantFileName, RewardGrantFile, problems)
    : undefined;
  const consultationDiary = existsSync(join(folder, consultationDiaryFileName))
    ? readYaml(folder, consultationDiaryFileName, ConsultationDiaryFile, problems)
    : undefined;
  const fundingStreams = existsSync(join(folder, fundingStreamsFileName))
    ? readYaml(folder, fundingStreamsFileName, FundingStreamsFile, problems)
    : undefined;
  if (problems.length > 0 || !areas || !organisations || !catalogue || agreements.some((a) => a === undefined)) {
    throw new AppError("INVALID_DATA", `The data files in ${folder} have ${problems.length === 1 ? "1 problem" : `${problems.length} problems`}; nothing was loaded`, {
      details: problems,
    });
  }
  return { areas, organisations, catalogue, agreements: agreements.filter((a): a is AgreementFile => a !== undefined), rewardGrant, consultationDiary, fundingStreams };
}
