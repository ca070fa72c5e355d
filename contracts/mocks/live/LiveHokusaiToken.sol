// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {LiveHokusaiParams} from "./LiveHokusaiParams.sol";
import {LiveOwnable} from "./LiveAccess.sol";

/// @title A live model token: capped by its two allocations, minted and burnt by its controller (the TokenManager).
/// @dev The Ownable owner is the model's governor (the deployment factory hands ownership over) and may
///      only change the controller. Only the cap-based mode of the live token is mirrored: the live
///      TokenManager's deployTokenWithAllocations never creates the legacy, uncapped kind.
contract LiveHokusaiToken is ERC20, LiveOwnable {
    uint256 public constant REWARD_CAP_MULTIPLIER = 100;

    address public controller;
    address public immutable params;
    uint256 public immutable maxSupply;
    uint256 public immutable modelSupplierAllocation;
    uint256 public immutable investorAllocation;
    address public immutable modelSupplierRecipient;

    bool public modelSupplierDistributed;
    uint256 public investorMinted;
    uint256 public rewardMinted;

    event ControllerUpdated(address indexed newController);
    event Minted(address indexed to, uint256 amount);
    event Burned(address indexed from, uint256 amount);
    event TokenSupplyConfigured(
        uint256 initialSupply,
        uint256 maxSupply,
        uint256 modelSupplierAllocation,
        address indexed modelSupplierRecipient
    );
    event ModelSupplierAllocationDistributed(address indexed recipient, uint256 amount);

    modifier onlyController() {
        require(msg.sender == controller, "Only controller can call this function");
        _;
    }

    /// @dev The live constructor's arguments; `initialSupply` only matters to the uncapped mode, so it is ignored.
    constructor(
        string memory name_,
        string memory symbol_,
        address controller_,
        address params_,
        uint256 initialSupply_,
        uint256 maxSupply_,
        uint256 modelSupplierAllocation_,
        uint256 investorAllocation_,
        address modelSupplierRecipient_
    ) ERC20(name_, symbol_) {
        require(bytes(name_).length > 0, "Token name cannot be empty");
        require(bytes(symbol_).length > 0, "Token symbol cannot be empty");
        require(controller_ != address(0), "Controller cannot be zero address");
        require(params_ != address(0), "Params cannot be zero address");
        require(
            modelSupplierAllocation_ + investorAllocation_ == maxSupply_,
            "Max supply must equal supplier + investor allocations"
        );
        require(modelSupplierRecipient_ != address(0), "Model supplier recipient cannot be zero address");
        controller = controller_;
        params = params_;
        maxSupply = maxSupply_;
        modelSupplierAllocation = modelSupplierAllocation_;
        investorAllocation = investorAllocation_;
        modelSupplierRecipient = modelSupplierRecipient_;
        emit TokenSupplyConfigured(initialSupply_, maxSupply_, modelSupplierAllocation_, modelSupplierRecipient_);
        emit ControllerUpdated(controller_);
    }

    function setController(address newController) external onlyOwner {
        require(newController != address(0), "Controller cannot be zero address");
        controller = newController;
        emit ControllerUpdated(newController);
    }

    // --- controller --------------------------------------------------------

    /// @notice The one-time supplier mint: `vestedAmount` to the vesting vault, the rest to the recipient.
    function distributeModelSupplierAllocation(address vault, uint256 vestedAmount) external onlyController {
        require(!modelSupplierDistributed, "Model supplier allocation already distributed");
        require(modelSupplierAllocation > 0, "No model supplier allocation set");
        require(vestedAmount <= modelSupplierAllocation, "Vested exceeds supplier allocation");
        modelSupplierDistributed = true;
        uint256 immediateAmount = modelSupplierAllocation - vestedAmount;
        if (immediateAmount > 0) _mintLogged(modelSupplierRecipient, immediateAmount);
        if (vestedAmount > 0) {
            require(vault != address(0), "Vault required for vested portion");
            _mintLogged(vault, vestedAmount);
        }
        emit ModelSupplierAllocationDistributed(modelSupplierRecipient, modelSupplierAllocation);
    }

    function mintInvestor(address to, uint256 amount) external onlyController {
        require(investorMinted + amount <= investorAllocation, "Exceeds investor allocation");
        investorMinted += amount;
        _mintLogged(to, amount);
    }

    function mintReward(address to, uint256 amount) external onlyController {
        require(rewardMinted + amount <= getRewardMintingCap(), "Exceeds reward mint cap");
        rewardMinted += amount;
        _mintLogged(to, amount);
    }

    function burnFrom(address from, uint256 amount) external onlyController {
        _burnLogged(from, amount);
    }

    function burnInvestor(address from, uint256 amount) external onlyController {
        require(amount <= investorMinted, "Burn exceeds investor minted");
        investorMinted -= amount;
        _burnLogged(from, amount);
    }

    /// @dev A pool's sale gives headroom back to the investor cap first, then to the reward cap.
    function burnAMM(address from, uint256 amount) external onlyController {
        uint256 investorPart = amount < investorMinted ? amount : investorMinted;
        investorMinted -= investorPart;
        uint256 rewardPart = amount - investorPart < rewardMinted ? amount - investorPart : rewardMinted;
        rewardMinted -= rewardPart;
        _burnLogged(from, amount);
    }

    function burn(uint256 amount) external {
        _burnLogged(msg.sender, amount);
    }

    // --- views -------------------------------------------------------------

    function getRemainingInvestorAllocation() external view returns (uint256) {
        return investorMinted >= investorAllocation ? 0 : investorAllocation - investorMinted;
    }

    function getRewardMintingCap() public view returns (uint256) {
        return REWARD_CAP_MULTIPLIER * LiveHokusaiParams(params).tokensPerDeltaOne();
    }

    // --- internals ---------------------------------------------------------

    function _mintLogged(address to, uint256 amount) private {
        _mint(to, amount);
        emit Minted(to, amount);
    }

    function _burnLogged(address from, uint256 amount) private {
        _burn(from, amount);
        emit Burned(from, amount);
    }

    /// @dev OpenZeppelin 4's balance strings, which the live token reverts with.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && balanceOf(from) < value) {
            if (to == address(0)) revert("ERC20: burn amount exceeds balance");
            revert("ERC20: transfer amount exceeds balance");
        }
        super._update(from, to, value);
    }

    function _spendAllowance(address owner_, address spender, uint256 value) internal override {
        require(allowance(owner_, spender) >= value, "ERC20: insufficient allowance");
        super._spendAllowance(owner_, spender, value);
    }
}
