/** A launch plan as written in hokusai.model.json / .yaml (schemas/hokusai-model.schema.json). */
import type { DeployFields } from "../deploy/request";
import type { MetricDirection } from "../deltaone";
import type { PresetName } from "../presets";

export const PLAN_CATEGORIES = [
  "healthcare",
  "finance",
  "nlp",
  "computer-vision",
  "audio",
  "time-series",
  "recommendation",
  "robotics",
  "science",
  "other",
] as const;
export type PlanCategory = (typeof PLAN_CATEGORIES)[number];

export type PlanMetric = "accuracy" | "f1" | "auc-roc" | "custom";

/** Whole tokens ("400000", 400000, "1.5") or wei with a suffix ("400000000000000000000000wei"). */
export type PlanTokenAmount = string | number;

export interface LaunchPlan {
  $schema?: string;
  version?: 1;
  /** Step 2, Model Overview. */
  model: {
    name: string;
    ticker: string;
    description: string;
    category: PlanCategory;
    tags?: string[];
  };
  /** Step 3, Performance Metrics. */
  metrics: {
    metric: PlanMetric;
    customName?: string;
    /** A fraction from 0 to 1. */
    baseline: number;
    direction: MetricDirection;
  };
  /** Step 4, and the on-chain license reference. */
  license: {
    type: "decentralized";
    /** Relative to the plan file's folder. */
    file?: string;
    uri: string;
    hash?: string;
  };
  /** Step 5; a preset fills what is left out. */
  tokenomics: {
    preset?: PresetName;
    modelSupplierAllocation?: PlanTokenAmount;
    investorAllocation?: PlanTokenAmount;
    tokensPerDeltaOne?: PlanTokenAmount;
    expectedDeltaOnes?: number;
  };
  /** The other parameters of deployTokenWithAllocations. */
  contract: {
    modelId: string;
    governor?: string;
    modelSupplierRecipient?: string;
    infrastructureAccrualBps?: number;
    initialOraclePricePerThousandUsd?: string | number;
  };
}

/** Where a figure came from: the plan itself or its preset. */
export type FigureSource = "plan" | "preset";

/** The supply figures, checked and with the preset applied; amounts in wei. */
export interface PlanTokenomics {
  preset?: PresetName;
  modelSupplierAllocation: bigint;
  investorAllocation: bigint;
  /** As deployed (wei); the contract reads a value up to 10,000,000 as whole tokens. */
  tokensPerDeltaOne: bigint;
  expectedDeltaOnes: number;
  infrastructureAccrualBps: number;
  sources: Record<
    | "modelSupplierAllocation"
    | "investorAllocation"
    | "tokensPerDeltaOne"
    | "expectedDeltaOnes"
    | "infrastructureAccrualBps",
    FigureSource
  >;
}

/** What `loadPlan` returns. */
export interface LoadedPlan {
  /** Absolute path of the plan file. */
  file: string;
  format: "json" | "yaml";
  /** The plan as written, checked against the schema and the contract's rules. */
  plan: LaunchPlan;
  /**
   * The deployment's fields as the plan gives them, typed: its own values, its preset
   * (whose figures are filled in when the deployment is resolved), license.file made
   * absolute. Flags given beside --plan go over these.
   */
  deployFields: DeployFields;
  /** The off-chain facts for the deployment record (JSON-safe: no bigints). */
  metadata: PlanMetadata;
  tokenomics: PlanTokenomics;
  /** Absolute path of license.file, when the plan has one. */
  licenseFile?: string;
  /** keccak256 of license.file, or license.hash when there is no file. */
  licenseHash: string;
}

/** The plan's off-chain facts, kept in the deployment record beside the on-chain ones. */
export interface PlanMetadata {
  [key: string]: unknown;
  name: string;
  description: string;
  category: PlanCategory;
  tags: string[];
  /** The metric's name: accuracy, f1, auc-roc, or the custom metric's name. */
  metric: string;
  metricType: PlanMetric;
  baseline: number;
  direction: MetricDirection;
  licenseType: "decentralized";
  expectedDeltaOnes: number;
  preset: PresetName | null;
}
