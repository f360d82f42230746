import { describe, expect, it } from "vitest";
import { officeSlug, plannedImprovementPercent, regionOfOffice, governmentOfficeRegions } from "./regions.js";

describe("Government Office regions", () => {
  it("has the nine regions, Kent's office in the South East", () => {
    expect(governmentOfficeRegions).toHaveLength(9);
    expect(regionOfOffice("government-office-for-the-south-east")).toMatchObject({ code: "south-east", abbreviation: "GOSE" });
    expect(governmentOfficeRegions.map(officeSlug)).toContain("government-office-for-yorkshire-and-the-humber");
    expect(regionOfOffice("kent-county-council")).toBeUndefined();
  });
});

describe("plannedImprovementPercent", () => {
  it("counts NI 47's fall from 1183 to 591.5 as a 50% improvement (lower is better)", () => {
    expect(plannedImprovementPercent("lower-is-better", "1183", "591.5")).toBe("50");
  });
  it("counts a rise as improvement where higher is better, and a target worse than the baseline as negative", () => {
    expect(plannedImprovementPercent("higher-is-better", "67.5", "68.85")).toBe("2");
    expect(plannedImprovementPercent("lower-is-better", "9.4", "9.6")).toBe("-2.1277");
  });
  it("gives none where no direction is better or the baseline is 0", () => {
    expect(plannedImprovementPercent("band", "10", "12")).toBeNull();
    expect(plannedImprovementPercent("higher-is-better", "0", "12")).toBeNull();
  });
});
