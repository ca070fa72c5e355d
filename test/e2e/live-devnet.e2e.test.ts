/**
 * Across processes, against `hokusai:devnet --chain-id 11155111`: a live-like Sepolia
 * stand-in, reached with `--network sepolia` from nothing but the lines the devnet prints
 * (RPC_URL, PRIVATE_KEY, the addresses). The developer's deployment and its reruns, a model
 * id taken by another account, a model id the registry cannot take, the vested distribution,
 * the platform's launch with a crash at every step, and the official address book.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import { Contract, getAddress, type InterfaceAbi, JsonRpcProvider } from "ethers";
import hre from "hardhat";

import { CliSessions } from "../helpers/cli-session";
import { freePort, jsonRpc } from "../helpers/node";
import { allOutput, runHardhat, spawnHardhat, type RunResult, type SpawnedHardhat } from "../helpers/process";
import {
  copyContract,
  exportsOf,
  LAUNCH_CURVE,
  LAUNCH_MODEL_IDS,
  LAUNCH_RECIPIENT,
  launchFileWithIds,
  PLATFORM_LAUNCH_FILE,
  writeLaunchCrashHook,
} from "../helpers/live";

const LICENSE_HASH = "0x" + "ab".repeat(32);
const CRASH_HOOK = path.join(__dirname, "..", "helpers", "crash-at.js");
const TOKENS = (amount: string) => BigInt(amount) * 10n ** 18n;
/** The published Sepolia addresses (src/core/address-book/book.ts, from ../shared/hokusai-live/). */
const BOOK_TOKEN_MANAGER = "0xF3ADF676dF4ceeD6e003e9Da49363259e29afb90";
const BOOK_AMM_FACTORY = "0x72c12b5bCf373B5a9ef26FBcfbC55E0e1146Fa1e";
const LAUNCH_STEPS = [
  "distribute",
  "register",
  "createPool",
  "authorize",
  "approveReserve",
  "depositReserve",
];

describe("the live-like devnet as a Sepolia stand-in (chain 11155111)", function () {
  this.timeout(600_000);

  let devnet: SpawnedHardhat;
  let exports: Record<string, string>;
  let provider: JsonRpcProvider;
  let records: string;
  let scratch: string;
  let accounts: string[];
  let abis: Record<string, InterfaceAbi>;
  const sessions = new CliSessions({ network: "sepolia" });

  before(async function () {
    const port = await freePort();
    devnet = spawnHardhat(["hokusai:devnet", "--chain-id", "11155111", "--port", String(port)]);
    await devnet.waitForOutput(/Running until interrupted/, 180_000);
    exports = exportsOf(devnet.stdout());
    expect(exports.RPC_URL).to.equal(`http://127.0.0.1:${port}`);
    for (const name of [
      "PRIVATE_KEY",
      "TOKEN_MANAGER_ADDRESS",
      "AMM_FACTORY_ADDRESS",
      "PURCHASER_WHITELIST_ADDRESS",
    ])
      expect(exports, name).to.have.property(name);
    provider = new JsonRpcProvider(exports.RPC_URL, undefined, { staticNetwork: true, cacheTimeout: -1 });
    accounts = (await jsonRpc<string[]>(exports.RPC_URL, "eth_accounts")).map((a) => getAddress(a));
    expect(accounts[0]).to.equal(exports.GOVERNOR_ADDRESS);
    records = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-live-devnet-"));
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-live-files-"));
    abis = {};
    for (const name of [
      "LiveTokenManager",
      "LiveHokusaiToken",
      "LiveHokusaiAMMFactory",
      "LiveHokusaiAMM",
      "LiveModelRegistry",
    ]) {
      abis[name] = (await hre.artifacts.readArtifact(name)).abi;
    }
  });

  after(async function () {
    await sessions.stopAll();
    // The devnet is this suite's own process: ended by its PID.
    if (devnet !== undefined) await devnet.kill("SIGKILL");
    for (const dir of [records, scratch])
      if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  });

  const contract = (name: string, address: string) => new Contract(address, abis[name], provider);
  const owner = () => exports.GOVERNOR_ADDRESS;
  const nonce = async () =>
    Number(await jsonRpc<string>(exports.RPC_URL, "eth_getTransactionCount", [owner(), "latest"]));

  /**
   * `hardhat <args> --network sepolia` with the devnet's exports, as a user's shell would have
   * them. A run with a crash hook (NODE_OPTIONS), or asked for with `cli`, is a process of its
   * own; the others run in the CLI session of their environment (test/helpers/cli-session.ts).
   */
  const sepolia = async (
    args: string[],
    env: NodeJS.ProcessEnv = {},
    cli = env.NODE_OPTIONS !== undefined,
  ): Promise<RunResult> => {
    const environment = { ...exports, HOKUSAI_DEPLOYMENTS_DIR: records, HOKUSAI_CONFIRM: "true", ...env };
    if (cli) return runHardhat([...args, "--network", "sepolia"], { env: environment, timeoutMs: 180_000 });
    return sessions.run(environment, args);
  };

  const deployArgs = (modelId: string, extra: string[] = []) => [
    "hokusai:deploy-token",
    "--model-id",
    modelId,
    "--name",
    "Live Model",
    "--symbol",
    "LIVE",
    "--preset",
    "growth",
    "--license-hash",
    LICENSE_HASH,
    "--license-uri",
    "https://hokus.ai/terms",
    ...extra,
  ];

  /** The one line of a failure: no stack, no "unexpected error". */
  function failureLine(result: RunResult, code: string): string {
    expect(result.code, allOutput(result)).to.equal(1);
    const lines = result.stderr.split("\n").filter((line) => line.includes(`${code}:`));
    expect(lines, allOutput(result)).to.have.length(1);
    expect(result.stderr).to.not.match(/^\s+at /m);
    expect(result.stderr).to.not.contain("An unexpected error occurred");
    return lines[0];
  }

  it("deploys with an oracle price of 2.5, and the identical rerun exits 0 having sent nothing", async function () {
    const args = deployArgs("501", ["--initial-oracle-price-per-thousand-usd", "2.5"]);
    const first = await sepolia(args, {}, true);
    expect(first.code, allOutput(first)).to.equal(0);
    expect(first.stdout).to.contain('Deployed model token "501" on sepolia.');

    const before = await nonce();
    const rerun = await sepolia(args);
    expect(rerun.code, allOutput(rerun)).to.equal(0);
    expect(rerun.stdout).to.contain('Model "501" is already deployed on sepolia: nothing was sent.');
    expect(await nonce()).to.equal(before);
  });

  it("refuses a model id another account deployed first with its own governor: exit 1, one line naming it (HOK313)", async function () {
    const other = accounts[1];
    const manager = new Contract(
      exports.TOKEN_MANAGER_ADDRESS,
      abis.LiveTokenManager,
      await provider.getSigner(other),
    );
    // The same fields as the developer's run below, but governed by the other account.
    await (
      await manager.deployTokenWithAllocations(
        "502",
        "Live Model",
        "LIVE",
        TOKENS("400000"),
        owner(),
        TOKENS("600000"),
        {
          tokensPerDeltaOne: 25_000n,
          infrastructureAccrualBps: 5000,
          initialOraclePricePerThousandUsd: 0n,
          licenseHash: LICENSE_HASH,
          licenseURI: "https://hokus.ai/terms",
          governor: other,
          vestingConfig: {
            enabled: false,
            immediateUnlockBps: 0,
            vestingDurationSeconds: 0n,
            cliffSeconds: 0n,
          },
        },
      )
    ).wait();

    const before = await nonce();
    const result = await sepolia(deployArgs("502"));
    const line = failureLine(result, "HOK313");
    expect(line).to.contain(`(deployed by ${other}) whose governor is ${other}, not ${owner()}`);
    expect(line).to.contain("nothing was sent");
    expect(await nonce()).to.equal(before);
  });

  it('refuses "sentiment-v2" before signing: exit 1 (HOK314)', async function () {
    const before = await nonce();
    const result = await sepolia(deployArgs("sentiment-v2"));
    const line = failureLine(result, "HOK314");
    expect(line).to.contain('model id "sentiment-v2" cannot be registered');
    expect(line).to.contain("could never get a pool");
    expect(result.stderr).to.not.match(/Recorded|Signed transaction|Sent transaction/);
    expect(await nonce()).to.equal(before);
  });

  it("reports a growth-preset model's distribution as 40,000 at once and 360,000 vested", async function () {
    const recipient = accounts[2];
    const deployed = await sepolia(deployArgs("503", ["--model-supplier-recipient", recipient]));
    expect(deployed.code, allOutput(deployed)).to.equal(0);

    const result = await sepolia(["hokusai:distribute-supplier-allocation", "--model-id", "503"]);
    expect(result.code, allOutput(result)).to.equal(0);
    const manager = contract("LiveTokenManager", exports.TOKEN_MANAGER_ADDRESS);
    const vault = (await manager.vestingVault()) as string;
    expect(result.stdout).to.contain(
      `Distributed the supplier allocation of model "503" on sepolia: 40,000 tokens to ${recipient} at once and 360,000 vested in ${vault}.`,
    );
    const token = contract("LiveHokusaiToken", (await manager.getTokenAddress("503")) as string);
    expect(await token.balanceOf(recipient)).to.equal(TOKENS("40000"));
    expect(await token.balanceOf(vault)).to.equal(TOKENS("360000"));
  });

  /** What a launch leaves for each model id: one token, one pool with the file's curve, its reserve once. */
  async function expectLaunched(ids: string[]) {
    const manager = contract("LiveTokenManager", exports.TOKEN_MANAGER_ADDRESS);
    const factory = contract("LiveHokusaiAMMFactory", exports.AMM_FACTORY_ADDRESS);
    const registry = contract("LiveModelRegistry", exports.MODEL_REGISTRY_ADDRESS);
    const vault = (await manager.vestingVault()) as string;
    const minter = (await manager.MINTER_ROLE()) as string;
    for (const modelId of ids) {
      expect(
        await manager.queryFilter(manager.filters.TokenDeployed(modelId)),
        `${modelId}: tokens`,
      ).to.have.length(1);
      expect(
        await factory.queryFilter(factory.filters.PoolCreated(modelId)),
        `${modelId}: pools`,
      ).to.have.length(1);
      const token = contract("LiveHokusaiToken", (await manager.getTokenAddress(modelId)) as string);
      expect(await token.balanceOf(LAUNCH_RECIPIENT), `${modelId}: distributed once`).to.equal(
        TOKENS("100000"),
      );
      expect(await token.balanceOf(vault)).to.equal(TOKENS("900000"));
      expect(await registry.isStringActive(modelId), `${modelId}: registered`).to.equal(true);
      const poolAddress = (await factory.getPool(modelId)) as string;
      const pool = contract("LiveHokusaiAMM", poolAddress);
      expect(await pool.crr()).to.equal(LAUNCH_CURVE.crr);
      expect(await pool.tradeFee()).to.equal(LAUNCH_CURVE.tradeFee);
      expect(await pool.FLAT_CURVE_THRESHOLD()).to.equal(LAUNCH_CURVE.flatCurveThreshold);
      expect(await pool.FLAT_CURVE_PRICE()).to.equal(LAUNCH_CURVE.flatCurvePrice);
      expect(await pool.purchaserWhitelist()).to.equal(exports.PURCHASER_WHITELIST_ADDRESS);
      expect(await manager.hasRole(minter, poolAddress), `${modelId}: authorised`).to.equal(true);
      expect(await pool.reserveBalance(), `${modelId}: reserve`).to.equal(LAUNCH_CURVE.initialReserve);
    }
  }

  it("launches the platform's own launch file, and the rerun exits 0 having sent nothing", async function () {
    const launch = () => sepolia(["hokusai:launch", "--launch-file", PLATFORM_LAUNCH_FILE]);
    const first = await launch();
    expect(first.code, allOutput(first)).to.equal(0);
    expect(first.stdout).to.contain("on sepolia (chain 11155111): 3 of 3 models done.");
    await expectLaunched(LAUNCH_MODEL_IDS);

    const before = await nonce();
    const rerun = await launch();
    expect(rerun.code, allOutput(rerun)).to.equal(0);
    expect(await nonce()).to.equal(before);
  });

  describe("a launch killed at each step, then rerun", function () {
    const launchRecord = (modelId: string) =>
      JSON.parse(fs.readFileSync(path.join(records, "sepolia", `${modelId}.launch.json`), "utf8"));
    const deployRecord = (modelId: string) =>
      JSON.parse(fs.readFileSync(path.join(records, "sepolia", `${modelId}.json`), "utf8"));

    it("finishes with one token and one pool per model, the reserve once, and nothing sent twice", async function () {
      // The platform's file under ids of its own.
      const file = launchFileWithIds(["41", "42", "43"], scratch);
      const hook = writeLaunchCrashHook(scratch);
      // One model at a time, so that each crash lands on the model and step named.
      const launch = (env: NodeJS.ProcessEnv = {}) =>
        sepolia(["hokusai:launch", "--launch-file", file, "--sequential"], env);
      const crash = async (env: NodeJS.ProcessEnv, where: string) => {
        const result = await launch(env);
        expect(result.signal, `${where}: ${allOutput(result)}`).to.equal("SIGKILL");
      };
      const before = await nonce();

      // Model 41: killed right after each of its transactions is broadcast, before its record says so.
      await crash({ NODE_OPTIONS: `--require ${CRASH_HOOK}`, HOKUSAI_CRASH_AT: "after-send" }, "41 token");
      expect(deployRecord("41").transaction.status).to.equal("signed");
      for (const step of LAUNCH_STEPS) {
        await crash(
          { NODE_OPTIONS: `--require ${hook}`, HOKUSAI_LAUNCH_CRASH_AT: `41:${step}:after-send` },
          `41 ${step}`,
        );
        expect(launchRecord("41").steps[step].status, step).to.equal("signed");
      }
      // Model 42: killed with each transaction recorded but not yet signed nor sent.
      await crash({ NODE_OPTIONS: `--require ${CRASH_HOOK}`, HOKUSAI_CRASH_AT: "before-send" }, "42 token");
      expect(deployRecord("42").transaction.status).to.equal("prepared");
      for (const step of LAUNCH_STEPS) {
        await crash(
          { NODE_OPTIONS: `--require ${hook}`, HOKUSAI_LAUNCH_CRASH_AT: `42:${step}:before-send` },
          `42 ${step}`,
        );
        expect(launchRecord("42").steps[step].status, step).to.equal("prepared");
      }

      const finished = await launch();
      expect(finished.code, allOutput(finished)).to.equal(0);
      expect(finished.stdout).to.contain("3 of 3 models done.");
      // 3 tokens, and for each model: distribute, register, create, authorise, approve, deposit.
      expect(await nonce(), "transactions sent").to.equal(before + 3 + 3 * LAUNCH_STEPS.length);
      await expectLaunched(["41", "42", "43"]);

      const rerun = await launch();
      expect(rerun.code, allOutput(rerun)).to.equal(0);
      expect(await nonce(), "the rerun sent something").to.equal(before + 21);
    });

    it("finishes a pipelined launch killed with several models' transactions in flight, nothing sent twice", async function () {
      const file = launchFileWithIds(["44", "45", "46"], scratch);
      const launch = (env: NodeJS.ProcessEnv = {}) => sepolia(["hokusai:launch", "--launch-file", file], env);
      const before = await nonce();
      const hook = writeLaunchCrashHook(scratch);
      // Killed at the second token's broadcast, then at one model's registration while the others are in flight.
      for (const env of [
        { NODE_OPTIONS: `--require ${CRASH_HOOK}`, HOKUSAI_CRASH_AT: "after-send:2" },
        { NODE_OPTIONS: `--require ${hook}`, HOKUSAI_LAUNCH_CRASH_AT: "45:register:after-send" },
      ]) {
        const killed = await launch(env);
        expect(killed.signal, allOutput(killed)).to.equal("SIGKILL");
      }
      const finished = await launch();
      expect(finished.code, allOutput(finished)).to.equal(0);
      expect(finished.stdout).to.contain("3 of 3 models done.");
      expect(await nonce(), "transactions sent").to.equal(before + 3 + 3 * LAUNCH_STEPS.length);
      await expectLaunched(["44", "45", "46"]);
    });

    it("resumes a step killed before sending and killed again right after its resend", async function () {
      const deployed = await sepolia(deployArgs("504"));
      expect(deployed.code, allOutput(deployed)).to.equal(0);
      const hook = writeLaunchCrashHook(scratch);
      const createPool = (env: NodeJS.ProcessEnv = {}) =>
        sepolia(
          [
            "hokusai:create-pool",
            "--model-id",
            "504",
            "--performance-metric",
            "accuracy",
            "--initial-reserve",
            "100",
          ],
          env,
        );
      const before = await nonce();
      for (const point of ["before-send", "after-send"]) {
        const crashed = await createPool({
          NODE_OPTIONS: `--require ${hook}`,
          HOKUSAI_LAUNCH_CRASH_AT: `504:register:${point}`,
        });
        expect(crashed.signal, allOutput(crashed)).to.equal("SIGKILL");
      }
      // The resend went out: registerStringModel is mined with the nonce the record holds.
      expect(await nonce()).to.equal(before + 1);
      expect(launchRecord("504").steps.register.nonce).to.equal(before);

      const rerun = await createPool();
      expect(rerun.code, allOutput(rerun)).to.equal(0);
      expect(rerun.stderr).to.not.contain("HOK422");
      expect(await nonce()).to.equal(before + 5);
    });
  });

  describe("the official address book", function () {
    // Only RPC_URL and PRIVATE_KEY: no address comes from the environment.
    const bookOnly = () => ({
      TOKEN_MANAGER_ADDRESS: "",
      AMM_FACTORY_ADDRESS: "",
      MODEL_REGISTRY_ADDRESS: "",
      USDC_ADDRESS: "",
      PURCHASER_WHITELIST_ADDRESS: "",
      GOVERNOR_ADDRESS: "",
      MODEL_SUPPLIER_RECIPIENT: "",
    });
    const dryRun = () =>
      sepolia(
        deployArgs("601", ["--governor", owner(), "--model-supplier-recipient", owner(), "--dry-run"]),
        bookOnly(),
      );

    it("fails in one line naming the address book's TokenManager where it has no code (HOK111)", async function () {
      expect(await jsonRpc(exports.RPC_URL, "eth_getCode", [BOOK_TOKEN_MANAGER, "latest"])).to.equal("0x");
      const line = failureLine(await dryRun(), "HOK111");
      expect(line).to.contain(
        `the address book's tokenManager for sepolia (${BOOK_TOKEN_MANAGER}, published 2026-06-27) has no code on this chain`,
      );
      expect(line).to.contain("export TOKEN_MANAGER_ADDRESS=0x...");
    });

    it("refuses the address book's AMM factory when it serves another TokenManager (HOK111)", async function () {
      // A TokenManager at the published address, and a factory copied as it is: wired to the devnet's own.
      await copyContract(exports.RPC_URL, exports.TOKEN_MANAGER_ADDRESS, BOOK_TOKEN_MANAGER);
      await copyContract(exports.RPC_URL, exports.AMM_FACTORY_ADDRESS, BOOK_AMM_FACTORY);
      const line = failureLine(await sepolia(["hokusai:status", "--model-id", "601"], bookOnly()), "HOK111");
      expect(line).to.contain(
        `the address book's ammFactory for sepolia (${BOOK_AMM_FACTORY}, published 2026-06-27) creates pools for ${exports.TOKEN_MANAGER_ADDRESS}, not for the address book's TokenManager ${BOOK_TOKEN_MANAGER}`,
      );
    });

    it("uses the address book once the live-like contracts stand at the published addresses", async function () {
      // hardhat_setCode moves code only. The TokenManager's wiring (owner, registry, token
      // factory, vault, fee) is in its first storage slots, copied too; its mappings are not,
      // so the copy holds no models. The factory keeps its TokenManager in an immutable, i.e.
      // in its code: the copy's code names the published TokenManager instead.
      await copyContract(exports.RPC_URL, exports.TOKEN_MANAGER_ADDRESS, BOOK_TOKEN_MANAGER);
      await copyContract(exports.RPC_URL, exports.AMM_FACTORY_ADDRESS, BOOK_AMM_FACTORY, {
        replace: [[exports.TOKEN_MANAGER_ADDRESS, BOOK_TOKEN_MANAGER]],
      });
      const copy = contract("LiveTokenManager", BOOK_TOKEN_MANAGER);
      expect(await copy.registry()).to.equal(exports.MODEL_REGISTRY_ADDRESS);
      expect(await contract("LiveHokusaiAMMFactory", BOOK_AMM_FACTORY).tokenManager()).to.equal(
        BOOK_TOKEN_MANAGER,
      );

      const before = await nonce();
      const result = await dryRun();
      expect(result.code, allOutput(result)).to.equal(0);
      expect(result.stdout).to.contain(
        `Dry run: nothing was sent. The transaction would call deployTokenWithAllocations on ${BOOK_TOKEN_MANAGER}`,
      );
      expect(await nonce()).to.equal(before);

      const status = await sepolia(["hokusai:status", "--model-id", "601"], bookOnly());
      expect(status.code, allOutput(status)).to.equal(0);
      expect(status.stdout).to.match(
        new RegExp(`TokenManager\\s+${BOOK_TOKEN_MANAGER} \\(from address book \\(sepolia, 2026-06-27\\)\\)`),
      );
      expect(status.stdout).to.match(
        new RegExp(`AMM factory\\s+${BOOK_AMM_FACTORY} \\(from address book \\(sepolia, 2026-06-27\\)\\)`),
      );
    });
  });
});
