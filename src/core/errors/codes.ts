/**
 * Every failure the plugin reports, once: its stable code, the exit code when it is
 * not 1, and what it means (the README's troubleshooting table has one row per code,
 * and test/core/error-codes.test.ts holds the two together). Nowhere else in the
 * source is a code written out.
 *
 * Code ranges:
 *   HOK1xx  set-up: compiler, config, network, secrets, address book
 *   HOK2xx  input: task params, plan, manifest and Ignition parameter files
 *   HOK3xx  chain preflight: code, ABI, chain id, roles, balance, model id, fees
 *   HOK4xx  transactions: decoded reverts, records, recovery, locks
 *   HOK5xx  licenses: hashing, fetching, verification
 *   HOK6xx  backend and launch steps: supplier allocation, registry, pools, reserve
 *   HOK7xx  launch plans
 */
export const ERRORS = {
  compilerVersion: { code: "HOK101", means: "the config's solc version is not the installed npm `solc`" },
  rpcUrlNotSet: { code: "HOK102", means: "the network has no RPC URL (`RPC_URL` unset)" },
  malformedPrivateKey: {
    code: "HOK103",
    means: "`PRIVATE_KEY` is not a 32-byte hex key (the value is never shown)",
  },
  noSigner: { code: "HOK104", means: "the network has no account to sign with" },
  missingAddress: { code: "HOK105", means: "no address for a Hokusai contract on this network" },
  wrongChain: { code: "HOK106", means: "the RPC serves another chain id than the network's" },
  rpcUnreachable: {
    code: "HOK107",
    means: "the RPC does not answer (refused, timeout, reset), named by its host only",
  },
  devnetNetwork: {
    code: "HOK108",
    means:
      "`hokusai:devnet` cannot serve as asked: another network, or a chain already started with another id",
  },

  devnetPortInUse: { code: "HOK109", means: "the port `hokusai:devnet` should listen on is taken" },
  invalidConfig: { code: "HOK110", means: "a value of the `hokusai` config section that is not allowed" },
  addressBookStale: {
    code: "HOK111",
    means: "an address of the built-in address book that the chain does not confirm",
  },

  missingParam: { code: "HOK200", means: "a required parameter is missing" },
  invalidAddress: { code: "HOK201", means: "not an address, or a broken mixed-case checksum" },
  zeroAddress: { code: "HOK202", means: "the zero address where a real one is needed" },
  invalidModelId: { code: "HOK203", means: "an empty, padded, over-long or unprintable model id" },
  invalidName: { code: "HOK204", means: "an empty or over-long token name" },
  invalidSymbol: { code: "HOK205", means: "a token symbol (ticker) that breaks the ticker rule" },
  invalidAmount: { code: "HOK206", means: "an amount that is not a positive number of tokens (or wei)" },
  outOfRange: { code: "HOK207", means: "a number outside the contract's bounds" },
  invalidBytes32: { code: "HOK208", means: "a hash that is not 32 bytes of hex" },
  invalidLicenseUri: { code: "HOK209", means: "a license URI that cannot be fetched later (scheme, syntax)" },
  invalidVesting: {
    code: "HOK210",
    means: "a `--vesting` that is neither default, off nor bps:days:cliffDays",
  },
  unknownPreset: { code: "HOK211", means: "an unknown `--preset`" },
  licenseHashMismatch: {
    code: "HOK212",
    means: "`--license-hash` differs from keccak256 of `--license-file`",
  },
  invalidFeeCap: { code: "HOK213", means: "a `--max-fee-gwei` that is not a positive number" },
  unknownModuleParameter: {
    code: "HOK214",
    means: "an Ignition parameter (or a field of one) the module does not have",
  },
  parametersFile: { code: "HOK215", means: "an Ignition parameters file that cannot be read or parsed" },
  invalidManifest: {
    code: "HOK216",
    means: "a manifest whose shape or entries are wrong (every problem listed)",
  },
  invalidLaunchFile: {
    code: "HOK218",
    means: "a launch file whose shape or values are wrong (every problem listed)",
  },
  manifestPreflight: { code: "HOK217", means: "a manifest model that would fail on chain; nothing was sent" },

  noCode: { code: "HOK301", means: "no contract at a configured or given address" },
  unknownTokenManagerAbi: { code: "HOK302", means: "a contract that speaks neither TokenManager ABI" },
  modelTaken: { code: "HOK303", means: "the model id has a token with other parameters" },
  insufficientBalance: {
    code: "HOK304",
    means: "the signer cannot pay the gas (and fee) at the current price",
  },
  governorNotMultisig: { code: "HOK305", means: "an account without code as governor under `--strict`" },
  confirmationRequired: {
    code: "HOK306",
    means: "a live chain, no terminal, and neither `--yes` nor `HOKUSAI_CONFIRM`",
  },
  cancelled: { code: "HOK307", means: "the question was answered no; nothing was sent" },
  forkNeedsRpc: { code: "HOK308", means: "`--fork` on a network without an RPC URL" },
  forkFailed: { code: "HOK309", means: "the simulation on a fork could not run" },
  publishedLicenseMismatch: {
    code: "HOK310",
    means: "the bytes published at the license URI are not `--license-file`",
  },
  modelNotDeployed: { code: "HOK311", means: "the model id has no token on that TokenManager" },
  notHokusaiContract: {
    code: "HOK312",
    means: "the address holds a contract that is not the Hokusai contract named",
  },
  modelHeldByOther: {
    code: "HOK313",
    means: "the model id has a token governed by someone else; nothing was sent",
  },
  modelIdNotDecimal: {
    code: "HOK314",
    means: "a model id the ModelRegistry cannot take: it only takes decimal numbers",
  },
  namedContractMismatch: {
    code: "HOK315",
    means:
      "the ModelRegistry or USDC the project names is not the one the TokenManager or AMM factory is wired to",
  },

  tokenAlreadyDeployed: { code: "HOK401", means: 'revert "Token already deployed for this model"' },
  revertInvalidAmount: { code: "HOK402", means: "revert `InvalidAmount`: a zero amount" },
  revertZeroAddress: { code: "HOK403", means: "revert `ZeroAddress`: a zero address" },
  revertEmptyString: { code: "HOK404", means: "revert `EmptyString`: an empty id, name or symbol" },
  revertOutOfBounds: { code: "HOK405", means: "revert for a value outside the contract's bounds" },
  missingRole: { code: "HOK406", means: "the signer lacks a role the contract requires" },
  insufficientFee: { code: "HOK407", means: 'revert "Insufficient deployment fee"' },
  notOwner: { code: "HOK408", means: "only the contract's owner may make this call" },
  poolExists: { code: "HOK409", means: 'revert "Pool already exists"' },
  poolTokenMismatch: {
    code: "HOK410",
    means: "the token does not belong to the model in the factory's TokenManager",
  },
  revertWithoutData: { code: "HOK411", means: "a revert without data: usually the wrong ABI or out of gas" },
  unknownCustomError: {
    code: "HOK412",
    means: "a custom error this tool does not know (selector and data shown)",
  },
  panic: { code: "HOK413", means: "a contract panic (overflow, division by zero, ...)" },
  unknownRevertString: { code: "HOK414", means: "a revert string this tool has no advice for" },
  knownRevert: { code: "HOK415", means: "a revert string of the Hokusai contracts, with what it means" },
  locked: { code: "HOK420", means: "another run holds the lock of this deployment" },
  timeout: {
    code: "HOK421",
    exit: 4,
    means: "a transaction was not confirmed within `--timeout`; rerun to resume",
  },
  nonceTaken: { code: "HOK422", means: "the recorded nonce was used by another transaction" },
  feeCapExceeded: {
    code: "HOK423",
    exit: 3,
    means: "the network's fee is above `--max-fee-gwei`; nothing was sent",
  },
  staleRecord: { code: "HOK424", means: "a deployment record names a token with no code on a live chain" },
  batchFailed: { code: "HOK425", means: "some models of a batch failed; a rerun retries them" },
  rpcGaveUp: {
    code: "HOK426",
    exit: 4,
    means:
      "the RPC kept failing (rate limit, errors, resets, no answer); the record is kept: rerun to resume",
  },
  stuckTransaction: {
    code: "HOK427",
    exit: 3,
    means: "a transaction is stuck below the base fee and replacing it needs more than `--max-fee-gwei`",
  },
  staleIgnitionDeployment: {
    code: "HOK430",
    means: "an Ignition journal names contracts with no code on this chain",
  },

  licenseFileNotFound: { code: "HOK501", means: "the license file does not exist" },
  licenseFileIsDirectory: { code: "HOK502", means: "the license file is a directory" },
  licenseFileEmpty: { code: "HOK503", means: "the license file (or `--text`) is empty" },
  licenseFileUnreadable: { code: "HOK504", means: "the license file cannot be read" },
  unsupportedLicenseUri: { code: "HOK505", means: "a license URI this tool cannot fetch" },
  invalidIpfsCid: { code: "HOK506", means: "an `ipfs://` URI whose CID is not a CID" },
  licenseHostNotFound: { code: "HOK510", means: "the license host does not resolve" },
  licenseConnection: { code: "HOK511", means: "the license server refused or dropped the connection" },
  licenseHttpStatus: { code: "HOK512", means: "the license server answered an HTTP error" },
  licenseTooLarge: { code: "HOK513", means: "the license is larger than `--max-bytes`" },
  licenseFetchTimeout: { code: "HOK514", means: "the license did not arrive within the timeout" },
  licenseRedirect: { code: "HOK515", means: "too many or broken redirects" },
  licenseFetch: { code: "HOK516", means: "the license could not be fetched for another reason" },
  notHokusaiToken: { code: "HOK522", means: "the address is not a Hokusai model token" },
  conflictingOptions: { code: "HOK530", means: "two options that exclude each other" },
  nothingToVerify: { code: "HOK531", means: "`--no-fetch` without `--file`" },
  invalidLicenseLimit: { code: "HOK532", means: "a timeout, size cap or redirect limit out of range" },

  alreadyDistributed: { code: "HOK601", means: "revert: the supplier allocation was already distributed" },
  factoryTokenManagerMismatch: { code: "HOK604", means: "the AMM factory serves another TokenManager" },
  modelNotRegistered: {
    code: "HOK608",
    means: "the model is not registered in the ModelRegistry, which pools need",
  },
  modelDeactivated: { code: "HOK609", means: "the model is deactivated in the ModelRegistry" },
  notWhitelisted: { code: "HOK610", means: "the buyer is not on the pool's purchaser whitelist" },
  poolMismatch: {
    code: "HOK611",
    means: "the model's pool exists with other parameters or another whitelist",
  },
  insufficientUsdc: { code: "HOK612", means: "the signer holds less USDC than the reserve to seed" },
  requiredGovernor: {
    code: "HOK613",
    means: "a launch file's token whose governor is not its requiredGovernor",
  },
  insufficientTokenBalance: {
    code: "HOK614",
    means: "the account holds less USDC or model tokens than a trade or deposit spends",
  },
  factoryRegistryMismatch: {
    code: "HOK615",
    means: "the AMM factory checks models in another ModelRegistry than the TokenManager's",
  },
  pendingTransactions: { code: "HOK605", exit: 4, means: "the signer has transactions waiting to be mined" },

  invalidPlan: { code: "HOK701", means: "a launch plan with bad fields (every problem listed)" },
  planNotFound: { code: "HOK702", means: "the plan or manifest file does not exist" },
  planSyntax: { code: "HOK703", means: "the plan or manifest is not valid JSON or YAML" },
  planFormat: { code: "HOK704", means: "the plan or manifest has neither a .json, .yaml nor .yml extension" },
  planUnreadable: { code: "HOK705", means: "the plan or manifest cannot be read" },
  invalidMetricValue: { code: "HOK706", means: "a metric value that is not a fraction from 0 to 1" },
} as const satisfies Record<string, { code: string; exit?: number; means: string }>;

export type ErrorName = keyof typeof ERRORS;

/** The code of a failure, for comparisons: `error.code === codeOf("timeout")`. */
export function codeOf(name: ErrorName): string {
  return ERRORS[name].code;
}
