/**
 * The guide's three allocation templates. Max supply is 1,000,000 tokens in each;
 * they differ in how much of it goes to contributors and in how fast DeltaOne
 * rewards inflate the supply. A plan or flag overrides any field.
 */
export type PresetName = "experimental" | "growth" | "mature";

export interface Preset {
  name: PresetName;
  title: string;
  summary: string;
  /** Whole tokens. */
  modelSupplierAllocation: string;
  /** Whole tokens. */
  investorAllocation: string;
  /** Whole tokens minted per DeltaOne. */
  tokensPerDeltaOne: string;
  infrastructureAccrualBps: number;
  /** Projected DeltaOnes over two years. */
  expectedDeltaOnes: number;
}

export const PRESETS: Record<PresetName, Preset> = {
  experimental: {
    name: "experimental",
    title: "Experimental",
    summary: "high inflation: 10% of max supply per DeltaOne, contributor-heavy split",
    modelSupplierAllocation: "500000",
    investorAllocation: "500000",
    tokensPerDeltaOne: "100000",
    infrastructureAccrualBps: 5000,
    expectedDeltaOnes: 20,
  },
  growth: {
    name: "growth",
    title: "Growth",
    summary: "balanced: 2.5% of max supply per DeltaOne, the guide's 40/60 split",
    modelSupplierAllocation: "400000",
    investorAllocation: "600000",
    tokensPerDeltaOne: "25000",
    infrastructureAccrualBps: 5000,
    expectedDeltaOnes: 12,
  },
  mature: {
    name: "mature",
    title: "Mature",
    summary: "low inflation: 0.5% of max supply per DeltaOne, investor-heavy split",
    modelSupplierAllocation: "300000",
    investorAllocation: "700000",
    tokensPerDeltaOne: "5000",
    infrastructureAccrualBps: 4000,
    expectedDeltaOnes: 6,
  },
};

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** Looks a preset up by name, case-insensitively. */
export function findPreset(name: string): Preset | undefined {
  return PRESETS[name.trim().toLowerCase() as PresetName];
}
