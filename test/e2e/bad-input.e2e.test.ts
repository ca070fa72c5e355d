/**
 * Bad input, as a user types it: each case's flags are parsed by Hardhat's own
 * ArgumentsParser and the task run in this process (test/helpers/cli-in-process.ts),
 * against the mock system on the in-process chain; the first case of each task also
 * runs as a true CLI child process against a real `hardhat node`, where what only a
 * process shows is checked: exit code 1 and no stack trace even on CI (CI=true makes
 * Hardhat print the stack of anything but a plugin error). Each ends with one line
 * (`Error in plugin hardhat-hokusai: HOKnnn: ...`) that names the flag and the fix,
 * nothing on stdout but blank lines, and the signer's nonce where it was: nothing sent.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import { type JsonRpcProvider, ZeroAddress } from "ethers";
import hre from "hardhat";

import { E2E_CONFIG, type RunningNode, startHardhatNode, stopAllNodes } from "../helpers/node";
import { runCliInProcess } from "../helpers/cli-in-process";
import { useLocalStack } from "../helpers/local-stack";
import { allOutput, runHardhat, type RunResult } from "../helpers/process";
import {
  deployFullSystem,
  deployModelToken,
  type FullSystem,
  nodeProvider,
  nonEmptyLines,
  STACK_LINE,
} from "../fixtures/hardening/system";

const FIXTURES = path.join(__dirname, "..", "fixtures", "hardening");
const LICENSE = "# Hardening License\n\nThe exact bytes published off-chain.\n";
const LICENSE_HASH = "0x" + "ab".repeat(32);
const LICENSE_URI = "ipfs://bafkreiexample/license.md";
const MODEL = "hardening-model";
// Hardhat's account #1: an address without code. Its checksum is broken by lower-casing one letter.
const EOA = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BAD_CHECKSUM = "0x70997970c51812dc3A010C7d01b50e0d17dc79C8";
const UINT256_OVERFLOW = (1n << 256n).toString();

type Mode = "cli" | "inProcess";

type Task =
  | "deploy-token"
  | "deploy-tokens"
  | "verify-license"
  | "create-pool"
  | "distribute-supplier-allocation"
  | "status";

/** Flags as typed: a value, `true` for a bare flag, `undefined` to leave out one the task's base gives. */
type Flags = Record<string, string | true | undefined>;

interface BadInput {
  title: string;
  task: Task;
  /** Over the task's valid base flags. Values may name "$usdc", "$tokenManager", "$missing", ... */
  flags: Flags;
  /** The error code, as a regular expression source: "HOK201", or any chain-preflight code. */
  code: string;
  /** What the line must name: the flag (or field) and the value involved. */
  names: string[];
  /** The fix the line must give. */
  fix: RegExp;
}

/** Valid flags of each task: each case changes one of them, so its failure is that flag's. */
const BASE: Record<Task, Flags> = {
  "deploy-token": {
    "--model-id": "bad-input-model",
    "--name": "Bad Input",
    "--symbol": "BAD",
    "--preset": "growth",
    "--license-hash": LICENSE_HASH,
    "--license-uri": LICENSE_URI,
    "--token-manager": "$tokenManager",
  },
  "deploy-tokens": { "--manifest": "$duplicateManifest", "--token-manager": "$tokenManager" },
  "verify-license": {
    "--model-id": MODEL,
    "--token-manager": "$tokenManager",
    "--file": "$license",
    "--no-fetch": true,
  },
  "create-pool": { "--model-id": MODEL, "--token-manager": "$tokenManager", "--amm-factory": "$ammFactory" },
  "distribute-supplier-allocation": { "--model-id": MODEL, "--token-manager": "$tokenManager" },
  status: { "--model-id": MODEL, "--token-manager": "$tokenManager", "--amm-factory": "$ammFactory" },
};

const CASES: BadInput[] = [
  // --- deploy-token: addresses -------------------------------------------------------
  {
    title: "a --governor too short to be an address",
    task: "deploy-token",
    flags: { "--governor": "0x1234" },
    code: "HOK201",
    names: ['--governor "0x1234"'],
    fix: /expected an address: 0x followed by 40 hex digits/,
  },
  {
    title: "a --governor with a broken checksum",
    task: "deploy-token",
    flags: { "--governor": BAD_CHECKSUM },
    code: "HOK201",
    names: [`--governor "${BAD_CHECKSUM}"`],
    fix: /checksum is wrong; copy the address again, or write it in all lower case/,
  },
  {
    title: "a --model-supplier-recipient with non-hex digits",
    task: "deploy-token",
    flags: { "--model-supplier-recipient": "0xZZ997970C51812dc3A010C7d01b50e0d17dc79C8" },
    code: "HOK201",
    names: ['--model-supplier-recipient "0xZZ997970C51812dc3A010C7d01b50e0d17dc79C8"'],
    fix: /expected an address: 0x followed by 40 hex digits/,
  },
  {
    title: "the zero address as --model-supplier-recipient",
    task: "deploy-token",
    flags: { "--model-supplier-recipient": ZeroAddress },
    code: "HOK202",
    names: [`--model-supplier-recipient "${ZeroAddress}"`],
    fix: /must be a non-zero address/,
  },
  {
    title: "a malformed --token-manager",
    task: "deploy-token",
    flags: { "--token-manager": "0x5FbDB2315678afecb367f032d93F642f64180aa" },
    code: "HOK201",
    names: ['--token-manager "0x5FbDB2315678afecb367f032d93F642f64180aa"'],
    fix: /expected an address: 0x followed by 40 hex digits/,
  },
  {
    title: "a --token-manager address with no code",
    task: "deploy-token",
    flags: { "--token-manager": EOA },
    code: "HOK301",
    names: [`TokenManager ${EOA}`],
    fix: /check the address .* and the network/,
  },
  {
    title: "a --token-manager with the wrong ABI (the USDC mock)",
    task: "deploy-token",
    flags: { "--token-manager": "$usdc" },
    code: "HOK302",
    names: ["$usdc", "--token-manager"],
    fix: /point --token-manager at a Hokusai TokenManager/,
  },
  // --- deploy-token: symbol ----------------------------------------------------------
  {
    title: "a lower-case --symbol",
    task: "deploy-token",
    flags: { "--symbol": "sent" },
    code: "HOK205",
    names: ['--symbol "sent"'],
    fix: /must be 3 to 6 uppercase letters or digits.*did you mean SENT\?/,
  },
  {
    title: "a --symbol of 2 characters",
    task: "deploy-token",
    flags: { "--symbol": "AB" },
    code: "HOK205",
    names: ['--symbol "AB"'],
    fix: /must be 3 to 6 uppercase letters or digits, starting with a letter \(e\.g\. SENT\)/,
  },
  {
    title: "a --symbol of 7 characters",
    task: "deploy-token",
    flags: { "--symbol": "TOOLONG" },
    code: "HOK205",
    names: ['--symbol "TOOLONG"'],
    fix: /must be 3 to 6 uppercase letters or digits/,
  },
  // --- deploy-token: amounts ---------------------------------------------------------
  {
    title: "a negative --investor-allocation",
    task: "deploy-token",
    flags: { "--investor-allocation": "-5" },
    code: "HOK206",
    names: ['--investor-allocation "-5"'],
    fix: /must not be negative/,
  },
  {
    title: "a zero --investor-allocation",
    task: "deploy-token",
    flags: { "--investor-allocation": "0" },
    code: "HOK206",
    names: ['--investor-allocation "0"'],
    fix: /must be greater than zero \(the contract reverts InvalidAmount\)/,
  },
  {
    title: "a --model-supplier-allocation finer than one wei (19 decimals)",
    task: "deploy-token",
    flags: { "--model-supplier-allocation": "0.0000000000000000001" },
    code: "HOK206",
    names: ['--model-supplier-allocation "0.0000000000000000001"'],
    fix: /tokens have at most 18 decimals/,
  },
  {
    title: "a fractional wei --model-supplier-allocation",
    task: "deploy-token",
    flags: { "--model-supplier-allocation": "1.5wei" },
    code: "HOK206",
    names: ['--model-supplier-allocation "1.5wei"'],
    fix: /a wei amount must be a whole number/,
  },
  {
    title: "an --investor-allocation of 2^256 wei",
    task: "deploy-token",
    flags: { "--investor-allocation": `${UINT256_OVERFLOW}wei` },
    code: "HOK206",
    names: [`--investor-allocation "${UINT256_OVERFLOW}wei"`],
    fix: /does not fit in uint256/,
  },
  {
    title: "an --investor-allocation of 10^60 whole tokens (above uint256 in wei)",
    task: "deploy-token",
    flags: { "--investor-allocation": "1" + "0".repeat(60) },
    code: "HOK206",
    names: [`--investor-allocation "1${"0".repeat(60)}"`],
    fix: /does not fit in uint256/,
  },
  {
    title: "an --investor-allocation that is not a number",
    task: "deploy-token",
    flags: { "--investor-allocation": "lots" },
    code: "HOK206",
    names: ['--investor-allocation "lots"'],
    fix: /expected a number of tokens such as 400000 or 1\.5/,
  },
  {
    title: "a negative --fee",
    task: "deploy-token",
    flags: { "--fee": "-1" },
    code: "HOK206",
    names: ['--fee "-1"'],
    fix: /must not be negative/,
  },
  // --- deploy-token: bounds ----------------------------------------------------------
  {
    title: "--infrastructure-accrual-bps below 1000",
    task: "deploy-token",
    flags: { "--infrastructure-accrual-bps": "999" },
    code: "HOK207",
    names: ['--infrastructure-accrual-bps "999"'],
    fix: /must be from 1000 to 10000 basis points/,
  },
  {
    title: "--infrastructure-accrual-bps above 10000",
    task: "deploy-token",
    flags: { "--infrastructure-accrual-bps": "10001" },
    code: "HOK207",
    names: ['--infrastructure-accrual-bps "10001"'],
    fix: /must be from 1000 to 10000 basis points/,
  },
  {
    title: "a fractional --infrastructure-accrual-bps",
    task: "deploy-token",
    flags: { "--infrastructure-accrual-bps": "5000.5" },
    code: "HOK207",
    names: ['--infrastructure-accrual-bps "5000.5"'],
    fix: /must be a whole number from 1000 to 10000/,
  },
  {
    title: "--tokens-per-delta-one below 100 tokens",
    task: "deploy-token",
    flags: { "--tokens-per-delta-one": "99" },
    code: "HOK207",
    names: ['--tokens-per-delta-one "99"'],
    fix: /must be from 100 to 10,000,000 tokens/,
  },
  {
    title: "an oracle price above $1,000,000 per 1000 calls",
    task: "deploy-token",
    flags: { "--initial-oracle-price-per-thousand-usd": "1000001" },
    code: "HOK207",
    names: ['--initial-oracle-price-per-thousand-usd "1000001"'],
    fix: /must be at most 1000000 USD/,
  },
  // --- deploy-token: license, preset, options ----------------------------------------
  {
    title: "a --license-file that does not exist",
    task: "deploy-token",
    flags: { "--license-hash": undefined, "--license-file": "$missing" },
    code: "HOK501",
    names: ["--license-file", "$missing"],
    fix: /does not exist/,
  },
  {
    title: "an empty --license-file",
    task: "deploy-token",
    flags: { "--license-hash": undefined, "--license-file": "$empty" },
    code: "HOK503",
    names: ["license file $empty"],
    fix: /is empty \(0 bytes\).*write the license text into it/,
  },
  {
    title: "a directory as --license-file",
    task: "deploy-token",
    flags: { "--license-hash": undefined, "--license-file": "$directory" },
    code: "HOK502",
    names: ["--license-file", "$directory"],
    fix: /is a directory; pass the license file itself/,
  },
  {
    title: "a --license-uri with an unknown scheme",
    task: "deploy-token",
    flags: { "--license-uri": "ftp://example.org/license.md" },
    code: "HOK209",
    names: ['--license-uri "ftp://example.org/license.md"'],
    fix: /unknown scheme "ftp:"; use one of ipfs:\/\/, https:\/\//,
  },
  {
    title: "a --license-hash that is not 32 bytes",
    task: "deploy-token",
    flags: { "--license-hash": "0x1234" },
    code: "HOK208",
    names: ['--license-hash "0x1234"'],
    fix: /expected 0x followed by 64 hex digits/,
  },
  {
    title: "an unknown --preset",
    task: "deploy-token",
    flags: { "--preset": "huge" },
    code: "HOK211",
    names: ['--preset "huge"'],
    fix: /use one of experimental, growth, mature/,
  },
  {
    title: "a --vesting with two fields",
    task: "deploy-token",
    flags: { "--vesting": "1000:365" },
    code: "HOK210",
    names: ['--vesting "1000:365"'],
    fix: /expected "default", "off" or "<immediateBps>:<durationDays>:<cliffDays>"/,
  },
  {
    title: "a zero --max-fee-gwei",
    task: "deploy-token",
    flags: { "--max-fee-gwei": "0" },
    code: "HOK213",
    names: ['--max-fee-gwei "0"'],
    fix: /must be a positive number of gwei/,
  },
  // --- deploy-tokens -----------------------------------------------------------------
  {
    title: "a manifest with the same modelId twice",
    task: "deploy-tokens",
    flags: {},
    code: "HOK216",
    names: ['models[1].modelId "duplicate-model"', "models[0]"],
    fix: /each model needs its own/,
  },
  {
    title: "a manifest with a lower-case symbol in one entry",
    task: "deploy-tokens",
    flags: { "--manifest": "$badSymbolManifest" },
    code: "HOK216",
    names: ['models[1].symbol "bad"'],
    fix: /did you mean BAD\?/,
  },
  {
    title: "a --max-fee-gwei that is not a number",
    task: "deploy-tokens",
    flags: { "--max-fee-gwei": "abc" },
    code: "HOK213",
    names: ['--max-fee-gwei "abc"'],
    fix: /must be a positive number of gwei/,
  },
  {
    title: "a --manifest that does not exist",
    task: "deploy-tokens",
    flags: { "--manifest": "$missingManifest" },
    code: "HOK\\d+",
    names: ["--manifest", "$missingManifest"],
    fix: /does not exist/,
  },
  {
    title: "a manifest that is not valid JSON",
    task: "deploy-tokens",
    flags: { "--manifest": "$brokenManifest" },
    code: "HOK703",
    names: ["$brokenManifest", "is not valid JSON at line 2"],
    fix: /fix the syntax and rerun/,
  },
  // --- verify-license ----------------------------------------------------------------
  {
    title: "a malformed --token",
    task: "verify-license",
    flags: { "--model-id": undefined, "--token": "0x12" },
    code: "HOK201",
    names: ['--token "0x12"'],
    fix: /expected an address: 0x followed by 40 hex digits/,
  },
  {
    title: "a --token-manager with a broken checksum",
    task: "verify-license",
    flags: { "--token-manager": BAD_CHECKSUM },
    code: "HOK201",
    names: [`--token-manager "${BAD_CHECKSUM}"`],
    fix: /checksum is wrong/,
  },
  {
    title: "a --token-manager address with no code",
    task: "verify-license",
    flags: { "--token-manager": EOA },
    code: "HOK301",
    names: [`TokenManager ${EOA}`],
    fix: /check the address \(--token-manager, the config or the environment\) and the network/,
  },
  {
    title: "a --token-manager with the wrong ABI (the USDC mock)",
    task: "verify-license",
    flags: { "--token-manager": "$usdc" },
    code: "HOK312",
    names: ["$usdc"],
    fix: /point --token-manager \(or the config and environment\) at the TokenManager/,
  },
  {
    title: "a --file that does not exist",
    task: "verify-license",
    flags: { "--file": "$missing" },
    code: "HOK501",
    names: ["license file $missing"],
    fix: /does not exist; pass the path of the exact file you publish at licenseURI, e\.g\. --file/,
  },
  {
    title: "an empty --file",
    task: "verify-license",
    flags: { "--file": "$empty" },
    code: "HOK503",
    names: ["license file $empty"],
    fix: /is empty \(0 bytes\)/,
  },
  {
    title: "a directory as --file",
    task: "verify-license",
    flags: { "--file": "$directory" },
    code: "HOK502",
    names: ["license file $directory"],
    fix: /is a directory; pass the license file itself, e\.g\. --file/,
  },
  {
    title: "a --uri with an unknown scheme",
    task: "verify-license",
    flags: { "--no-fetch": undefined, "--uri": "ftp://example.org/license.md" },
    code: "HOK505",
    names: ['"ftp://example.org/license.md"', "--uri"],
    fix: /has the unsupported scheme "ftp:"; supported are https:\/\/, http:\/\/, ipfs:\/\//,
  },
  {
    title: "--model-id and --token together",
    task: "verify-license",
    flags: { "--token": EOA },
    code: "HOK530",
    names: ["--model-id and --token"],
    fix: /pass --model-id .* or --token/,
  },
  {
    title: "--no-fetch without --file",
    task: "verify-license",
    flags: { "--file": undefined },
    code: "HOK531",
    names: ["--no-fetch"],
    fix: /pass --file <path> .* or drop --no-fetch/,
  },
  // --- create-pool -------------------------------------------------------------------
  {
    title: "--crr below 50000 ppm",
    task: "create-pool",
    flags: { "--crr": "49999" },
    code: "HOK207",
    names: ['--crr "49999"'],
    fix: /must be from 50000 to 1000000 ppm/,
  },
  {
    title: "--crr above 1000000 ppm",
    task: "create-pool",
    flags: { "--crr": "1000001" },
    code: "HOK207",
    names: ['--crr "1000001"'],
    fix: /must be from 50000 to 1000000 ppm/,
  },
  {
    title: "--trade-fee above 1000 bps",
    task: "create-pool",
    flags: { "--trade-fee": "1001" },
    code: "HOK207",
    names: ['--trade-fee "1001"'],
    fix: /must be from 0 to 1000 basis points/,
  },
  {
    title: "--ibr-duration below one day",
    task: "create-pool",
    flags: { "--ibr-duration": "86399" },
    code: "HOK207",
    names: ['--ibr-duration "86399"'],
    fix: /must be from 86400 to 2592000 seconds/,
  },
  {
    title: "--ibr-duration above 30 days",
    task: "create-pool",
    flags: { "--ibr-duration": "2592001" },
    code: "HOK207",
    names: ['--ibr-duration "2592001"'],
    fix: /must be from 86400 to 2592000 seconds/,
  },
  {
    title: "a zero --flat-curve-threshold",
    task: "create-pool",
    flags: { "--flat-curve-threshold": "0" },
    code: "HOK207",
    names: ['--flat-curve-threshold "0"'],
    fix: /must be greater than zero/,
  },
  {
    title: "a zero --flat-curve-price",
    task: "create-pool",
    flags: { "--flat-curve-price": "0" },
    code: "HOK207",
    names: ['--flat-curve-price "0"'],
    fix: /must be greater than zero/,
  },
  {
    title: "a --flat-curve-price finer than USDC's 6 decimals",
    task: "create-pool",
    flags: { "--flat-curve-price": "0.0000001" },
    code: "HOK207",
    names: ['--flat-curve-price "0.0000001"'],
    fix: /with at most 6 decimals/,
  },
  {
    title: "an --amm-factory address with no code",
    task: "create-pool",
    flags: { "--amm-factory": EOA },
    code: "HOK301",
    names: [`AMM factory ${EOA}`],
    fix: /check the address/,
  },
  {
    title: "an --amm-factory with the wrong ABI (the USDC mock)",
    task: "create-pool",
    flags: { "--amm-factory": "$usdc" },
    code: "HOK312",
    names: ["$usdc", "--amm-factory"],
    fix: /AMM factory/,
  },
  {
    title: "a --token-manager the factory is not wired to (the USDC mock)",
    task: "create-pool",
    flags: { "--token-manager": "$usdc" },
    code: "HOK604",
    names: ["$usdc", "--amm-factory", "--token-manager $tokenManager"],
    fix: /pass the factory wired to that TokenManager/,
  },
  {
    title: "a --model-id without a token",
    task: "create-pool",
    flags: { "--model-id": "no-such-model" },
    code: "HOK311",
    names: ['model id "no-such-model"'],
    fix: /check the id \(it is case-sensitive\).*hokusai:deploy-token --model-id no-such-model/,
  },
  {
    title: "--public together with --whitelist",
    task: "create-pool",
    flags: { "--public": true, "--whitelist": "$usdc" },
    code: "HOK530",
    names: ["--public", "--whitelist"],
    fix: /pass one of them/,
  },
  {
    title: "a malformed --whitelist",
    task: "create-pool",
    flags: { "--whitelist": "0x1234" },
    code: "HOK201",
    names: ['--whitelist "0x1234"'],
    fix: /expected an address: 0x followed by 40 hex digits/,
  },
  {
    title: "an --initial-reserve finer than USDC's 6 decimals",
    task: "create-pool",
    flags: { "--initial-reserve": "1.0000001" },
    code: "HOK207",
    names: ['--initial-reserve "1.0000001"'],
    fix: /with at most 6 decimals/,
  },
  {
    title: "an --initial-reserve the signer's USDC cannot pay",
    task: "create-pool",
    flags: { "--initial-reserve": "1000000000" },
    code: "HOK612",
    names: ["--initial-reserve"],
    fix: /the reserve to seed is 1000000000 USDC; nothing was sent: fund it/,
  },
  // --- distribute-supplier-allocation ------------------------------------------------
  {
    title: "no --model-id",
    task: "distribute-supplier-allocation",
    flags: { "--model-id": undefined },
    code: "HOK200",
    names: ["--model-id is required"],
    fix: /pass the model id the token was deployed with/,
  },
  {
    title: "a malformed --token-manager",
    task: "distribute-supplier-allocation",
    flags: { "--token-manager": "0xnothex" },
    code: "HOK201",
    names: ['--token-manager "0xnothex"'],
    fix: /expected an address/,
  },
  {
    title: "a --token-manager address with no code",
    task: "distribute-supplier-allocation",
    flags: { "--token-manager": EOA },
    code: "HOK301",
    names: [`TokenManager ${EOA}`],
    fix: /check the address/,
  },
  {
    title: "a --token-manager with the wrong ABI (the USDC mock)",
    task: "distribute-supplier-allocation",
    flags: { "--token-manager": "$usdc" },
    code: "HOK312",
    names: ["$usdc", "--token-manager"],
    fix: /Hokusai TokenManager/,
  },
  {
    title: "a --model-id without a token",
    task: "distribute-supplier-allocation",
    flags: { "--model-id": "no-such-model" },
    code: "HOK311",
    names: ['model id "no-such-model"'],
    fix: /or deploy it first with `npx hardhat hokusai:deploy-token --model-id no-such-model/,
  },
  // --- status (reads only; the same lookup as distribute) ------------------------------
  {
    title: "a --token-manager with the wrong ABI (the USDC mock)",
    task: "status",
    flags: { "--token-manager": "$usdc", "--amm-factory": "$ammFactory" },
    code: "HOK312",
    names: ["$usdc", "--token-manager"],
    fix: /Hokusai TokenManager/,
  },
];

describe("bad input, as typed on the command line", function () {
  this.timeout(120_000);

  useLocalStack("guide");
  let node: RunningNode;
  /** The system on the node, for the CLI cases, and on the in-process chain, for the others. */
  const systems = {} as Record<Mode, FullSystem>;
  let workDir: string;
  const files: Record<string, string> = {};

  before(async function () {
    this.timeout(180_000);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-bad-input-"));
    node = await startHardhatNode();
    const provider = nodeProvider(node);
    systems.cli = await deployFullSystem(provider, await provider.getSigner(0));
    await deployModelToken(systems.cli, await provider.getSigner(0), MODEL, {
      bytes: LICENSE,
      uri: LICENSE_URI,
    });
    const [signer] = await hre.ethers.getSigners();
    systems.inProcess = await deployFullSystem(hre.ethers.provider as unknown as JsonRpcProvider, signer);
    await deployModelToken(systems.inProcess, signer, MODEL, { bytes: LICENSE, uri: LICENSE_URI });

    const license = path.join(workDir, "LICENSE.md");
    fs.writeFileSync(license, LICENSE);
    const empty = path.join(workDir, "EMPTY.md");
    fs.writeFileSync(empty, "");
    const brokenManifest = path.join(workDir, "broken-manifest.json");
    fs.writeFileSync(brokenManifest, '[\n  { "modelId": "broken", }\n]\n');
    const directory = path.join(workDir, "licenses");
    fs.mkdirSync(directory);
    Object.assign(files, {
      $license: license,
      $empty: empty,
      $directory: directory,
      $missing: path.join(workDir, "NO-SUCH-LICENSE.md"),
      $duplicateManifest: path.join(FIXTURES, "duplicate-model-ids.json"),
      $missingManifest: path.join(workDir, "no-such-manifest.json"),
      $brokenManifest: brokenManifest,
      $badSymbolManifest: path.join(FIXTURES, "bad-symbol-manifest.json"),
    });
  });

  after(async function () {
    await stopAllNodes();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** "$name" placeholders replaced by the values of this run (the longest names first). */
  function fill(text: string, mode: Mode): string {
    const system = systems[mode];
    const values: Record<string, string> = {
      ...files,
      $tokenManager: system.tokenManager,
      $ammFactory: system.ammFactory,
      $usdc: system.usdc,
    };
    return Object.keys(values)
      .sort((a, b) => b.length - a.length)
      .reduce((out, key) => out.split(key).join(values[key]), text);
  }

  function taskArgs(task: Task, flags: Flags, mode: Mode): string[] {
    const merged: Flags = { ...BASE[task], ...flags };
    const args = [`hokusai:${task}`];
    for (const [flag, value] of Object.entries(merged)) {
      if (value === undefined) continue;
      args.push(flag);
      if (value !== true) args.push(fill(value, mode));
    }
    return args;
  }

  /** Both nonces of the signer (account 0): any transaction sent, even a pending one, moves one. */
  async function nonces(mode: Mode): Promise<[number, number]> {
    const { provider, owner } = systems[mode];
    return Promise.all([
      provider.getTransactionCount(owner, "latest"),
      provider.getTransactionCount(owner, "pending"),
    ]);
  }

  async function run(
    task: Task,
    flags: Flags,
    mode: Mode,
  ): Promise<{ result: Pick<RunResult, "code" | "stdout" | "stderr">; sent: number }> {
    const before = await nonces(mode);
    const result =
      mode === "cli"
        ? await runHardhat(
            ["--config", E2E_CONFIG, "--network", "localhost", ...taskArgs(task, flags, mode)],
            {
              env: {
                HOKUSAI_E2E_RPC_URL: node.url,
                HOKUSAI_DEPLOYMENTS_DIR: path.join(workDir, "records"),
                CI: "true",
              },
            },
          )
        : await runCliInProcess(hre, taskArgs(task, flags, mode));
    const after = await nonces(mode);
    return { result, sent: after[1] - before[1] + (after[0] - before[0]) };
  }

  describe("the valid flags each case starts from", function () {
    for (const [task, extra] of [
      ["deploy-token", { "--dry-run": true }],
      ["verify-license", {}],
      ["create-pool", { "--dry-run": true }],
      ["distribute-supplier-allocation", { "--dry-run": true }],
    ] as Array<[Task, Flags]>) {
      it(`${task} with them succeeds and sends nothing`, async function () {
        const { result, sent } = await run(task, extra, "inProcess");
        expect(result.code, allOutput(result)).to.equal(0);
        expect(sent, "a transaction was sent").to.equal(0);
      });
    }
  });

  /** The first case of each task also runs as a child process on the command line. */
  const cliCases = new Set(
    [...new Set(CASES.map((c) => c.task))].map((task) => CASES.findIndex((c) => c.task === task)),
  );

  for (const [index, bad] of CASES.entries()) {
    for (const mode of cliCases.has(index) ? (["inProcess", "cli"] as const) : (["inProcess"] as const)) {
      const where = mode === "cli" ? ", on the command line" : "";
      it(`${bad.task}: ${bad.title} (case ${index + 1}${where})`, async function () {
        const { result, sent } = await run(bad.task, bad.flags, mode);
        const output = allOutput(result);

        expect(result.code, output).to.equal(1);
        expect(output, `a stack trace was printed:\n${output}`).to.not.match(STACK_LINE);
        expect(output).to.not.contain("An unexpected error occurred");
        expect(nonEmptyLines(result.stdout), "stdout holds more than blank lines").to.deep.equal([]);
        const lines = nonEmptyLines(result.stderr);
        expect(lines, `stderr is not one line:\n${result.stderr}`).to.have.length(1);
        const [line] = lines;
        expect(line).to.match(new RegExp(`^Error in plugin hardhat-hokusai: ${bad.code}: `));
        for (const name of bad.names) expect(line).to.contain(fill(name, mode));
        expect(line).to.match(bad.fix);
        expect(sent, "a transaction was sent").to.equal(0);
      });
    }
  }

  it("covers at least 30 bad inputs across the tasks", function () {
    expect(CASES.length).to.be.at.least(30);
    expect(new Set(CASES.map((c) => c.task)).size).to.equal(6);
  });
});
