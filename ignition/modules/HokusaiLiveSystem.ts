import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { AccountRuntimeValue } from "@nomicfoundation/ignition-core";

import { deployContract, MODULE_IDS } from "./builders";

const DEFAULT_ADMIN_ROLE = `0x${"00".repeat(32)}`;

/**
 * A live-like Hokusai system (contracts/mocks/live/), deployed and wired in the order of the
 * platform's own deployment script: ModelRegistry, TokenDeploymentFactory, TokenManager,
 * RewardVestingVault (which takes the TokenManager's address, so it comes after it) and
 * setVestingVault, setStringModelTokenManager, then the AMM factory with its pool deployer,
 * the factory as the registry's pool registrar, and the PurchaserWhitelist.
 *
 * As on the platform the deployer (account 0) owns what it deploys and wires it; then the
 * registry, the TokenManager and the AMM factory are handed to `owner`, who also gets the
 * TokenManager's DEFAULT_ADMIN_ROLE (authorizeAMM needs it). With another `owner` the deployer
 * keeps the TokenManager roles it was granted at construction, as the platform's deployer does
 * until its governance handoff.
 *
 * Parameters (HokusaiLiveSystemModule):
 *   owner          the backend / server signer that ends up owning every contract (default: account 0)
 *   treasury       receives the pools' trade fees (default: account 0)
 *   deploymentFee  wei the TokenManager charges per deployment (default 0)
 *   ownerUsdc      mock USDC minted to `owner`, 6 decimals (default 1,000,000 USDC), as the
 *                  platform's deployment mints its MockUSDC, so that a pool's reserve can be seeded
 */
export default buildModule(MODULE_IDS.liveSystem, (m) => {
  const owner = m.getParameter<string | AccountRuntimeValue>("owner", m.getAccount(0));
  const treasury = m.getParameter<string | AccountRuntimeValue>("treasury", m.getAccount(0));
  const deploymentFee = m.getParameter<bigint>("deploymentFee", 0n);

  // Owned by the deployer until it has minted `ownerUsdc`, then handed to `owner`.
  const usdc = deployContract(m, "MockUSDC", [m.getAccount(0)]);
  const modelRegistry = deployContract(m, "LiveModelRegistry", []);
  const tokenDeploymentFactory = deployContract(m, "LiveTokenDeploymentFactory", []);
  const tokenManager = deployContract(m, "LiveTokenManager", [modelRegistry, tokenDeploymentFactory]);
  const vestingVault = deployContract(m, "LiveRewardVestingVault", [tokenManager]);
  const setVault = m.call(tokenManager, "setVestingVault", [vestingVault]);
  const setFee = m.call(tokenManager, "setDeploymentFee", [deploymentFee]);
  const setManager = m.call(modelRegistry, "setStringModelTokenManager", [tokenManager]);

  const ammFactory = deployContract(m, "LiveHokusaiAMMFactory", [
    modelRegistry,
    tokenManager,
    usdc,
    treasury,
  ]);
  const poolDeployer = deployContract(m, "LiveHokusaiAMMPoolDeployer", [ammFactory]);
  const setPoolDeployer = m.call(ammFactory, "setPoolDeployer", [poolDeployer]);
  const setRegistrar = m.call(modelRegistry, "setPoolRegistrar", [ammFactory, true]);
  const purchaserWhitelist = deployContract(m, "LivePurchaserWhitelist", [owner]);

  m.call(tokenManager, "grantRole", [DEFAULT_ADMIN_ROLE, owner], { id: "GrantTokenManagerAdmin" });
  m.call(tokenManager, "transferOwnership", [owner], { after: [setVault, setFee] });
  m.call(modelRegistry, "transferOwnership", [owner], { after: [setManager, setRegistrar] });
  const handOver = m.call(ammFactory, "transferOwnership", [owner], { after: [setPoolDeployer] });
  // Last, so that it moves no contract's address.
  const mint = m.call(usdc, "mint", [owner, m.getParameter<bigint>("ownerUsdc", 1_000_000n * 10n ** 6n)], {
    id: "MintOwnerUsdc",
    after: [handOver],
  });
  m.call(usdc, "transferOwnership", [owner], { id: "HandOverUsdc", after: [mint] });

  return {
    usdc,
    modelRegistry,
    tokenDeploymentFactory,
    tokenManager,
    vestingVault,
    ammFactory,
    poolDeployer,
    purchaserWhitelist,
  };
});
