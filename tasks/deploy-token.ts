import { task, types } from "hardhat/config";

import { TASK_HOKUSAI_DEPLOY_TOKEN } from "../src/task-names";

interface DeployTokenArgs {
  plan?: string;
  modelId?: string;
  name?: string;
  symbol?: string;
  modelSupplierAllocation?: string;
  modelSupplierRecipient?: string;
  investorAllocation?: string;
  wei: boolean;
  tokensPerDeltaOne?: string;
  infrastructureAccrualBps?: string;
  initialOraclePricePerThousandUsd?: string;
  licenseFile?: string;
  licenseHash?: string;
  licenseUri?: string;
  governor?: string;
  preset?: string;
  vesting?: string;
  fee?: string;
  tokenManager?: string;
  dryRun: boolean;
  fork: boolean;
  yes: boolean;
  strict: boolean;
  confirmations?: number;
  timeout?: number;
  maxFeeGwei?: string;
  json: boolean;
}

task(
  TASK_HOKUSAI_DEPLOY_TOKEN,
  "Deploys a Hokusai model token through the TokenManager (deployTokenWithAllocations)",
)
  .addOptionalParam(
    "plan",
    "Launch plan file (hokusai.model.json or .yaml, see hokusai:plan); the flags below override its values",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "modelId",
    "Unique model identifier; reusing one that has a token stops here",
    undefined,
    types.string,
  )
  .addOptionalParam("name", "ERC-20 token name shown to users", undefined, types.string)
  .addOptionalParam(
    "symbol",
    "Token ticker: 3 to 6 uppercase letters or digits (e.g. SENT)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "modelSupplierAllocation",
    "Cap of tokens for model contributors, in whole tokens (e.g. 400000); minted later by the backend",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "modelSupplierRecipient",
    "Address that receives the supplier allocation (default: config or MODEL_SUPPLIER_RECIPIENT)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "investorAllocation",
    "Cap of tokens mintable to AMM buyers, in whole tokens (e.g. 600000)",
    undefined,
    types.string,
  )
  .addFlag("wei", "Read the allocations and tokens-per-DeltaOne as wei instead of whole tokens")
  .addOptionalParam(
    "tokensPerDeltaOne",
    "Tokens minted per DeltaOne (1pp improvement), whole tokens from 100 to 10,000,000",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "infrastructureAccrualBps",
    "Infrastructure share of usage fees in basis points, 1000 to 10000",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "initialOraclePricePerThousandUsd",
    "Initial USD price per 1000 API calls (e.g. 2.5); 0 leaves it unset",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "licenseFile",
    "The exact license file published at the license URI; its keccak256 becomes licenseHash",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "licenseHash",
    "keccak256 of the published license bytes, instead of --license-file",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "licenseUri",
    "Where the license text is published (ipfs://, https://, http://, file://)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "governor",
    "Address that receives governance of the model, a multisig in production (default: config or GOVERNOR_ADDRESS)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "preset",
    "Allocation template: experimental, growth or mature (flags override it)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "vesting",
    'Contributor vesting on a v2 TokenManager: "default", "off" or "<immediateBps>:<durationDays>:<cliffDays>"',
    undefined,
    types.string,
  )
  .addOptionalParam(
    "fee",
    "Deployment fee to pay, in wei (default: the TokenManager's deploymentFee())",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "tokenManager",
    "TokenManager address (default: hokusai.networks.<network>.tokenManager, TOKEN_MANAGER_ADDRESS, or the local mock)",
    undefined,
    types.string,
  )
  .addFlag("dryRun", "Check everything and print what would be sent, its gas and cost; send nothing")
  .addFlag(
    "fork",
    "With --dry-run: send the transaction on an in-process fork of the network and report the token, events and gas",
  )
  .addFlag("yes", "Do not ask for confirmation on a live chain (or set HOKUSAI_CONFIRM=true)")
  .addFlag("strict", "Treat best-practice warnings (a governor that is not a contract) as errors")
  .addOptionalParam(
    "confirmations",
    "Confirmations to wait for (default 1 on dev chains, 2 elsewhere)",
    undefined,
    types.int,
  )
  .addOptionalParam(
    "timeout",
    "Seconds to wait for the transaction before exiting; a rerun resumes (default 600)",
    undefined,
    types.int,
  )
  .addOptionalParam(
    "maxFeeGwei",
    "Refuse to send while the network's max fee per gas is above this many gwei",
    undefined,
    types.string,
  )
  .addFlag("json", "Print one JSON document on stdout; progress goes to stderr")
  .setAction(async (args: DeployTokenArgs, hre) => {
    const { runDeployToken, rpcHost } = await import("../src/actions/deploy-token");
    const ui = await import("../src/ui/deploy");
    const { InvalidParamError } = await import("../src/errors");
    const { askYesNo } = await import("../src/ui/prompt");
    const { reportResumable } = await import("../src/ui/exit");

    const maxFeeGwei = args.maxFeeGwei === undefined ? undefined : Number(args.maxFeeGwei);
    if (maxFeeGwei !== undefined && !(maxFeeGwei > 0)) {
      throw new InvalidParamError(
        "HOK213",
        "--max-fee-gwei",
        args.maxFeeGwei!,
        "must be a positive number of gwei",
      );
    }
    try {
      const outcome = await runDeployToken(hre, {
        ...args,
        timeoutSeconds: args.timeout,
        maxFeeGwei,
        confirm: process.stdin.isTTY ? askYesNo : undefined,
        onSummary: ({ request, preflight, chainId }) => {
          if (preflight.existing !== undefined) return;
          console.error(
            ui.formatDeploySummary(request, preflight, {
              network: hre.network.name,
              chainId,
              rpcHost: rpcHost(hre),
            }),
          );
          for (const warning of preflight.warnings) console.error(`Warning: ${warning}`);
        },
        onProgress: (event) => console.error(ui.formatDeployProgress(event)),
        onNote: (note) => console.error(note),
      });
      if (outcome.kind === "dry-run") {
        if (args.json) {
          console.log(
            JSON.stringify(ui.dryRunJson(outcome.request, outcome.preflight, outcome.simulation), null, 2),
          );
        } else {
          console.log(ui.formatDryRun(outcome.preflight));
          if (outcome.simulation !== undefined)
            console.log(ui.formatSimulation(outcome.simulation, hre.network.name));
        }
        return outcome;
      }
      if (args.json) {
        console.log(JSON.stringify(ui.deployResultJson(outcome.result, outcome.preflight.warnings), null, 2));
      } else {
        console.log(ui.formatDeployResult(outcome.result));
      }
      return outcome.result;
    } catch (error) {
      if (reportResumable(error)) return undefined;
      throw error;
    }
  });
