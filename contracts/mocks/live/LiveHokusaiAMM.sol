// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

import {IHokusaiErrors} from "../../interfaces/IHokusaiErrors.sol";
import {LiveOwnable} from "./LiveAccess.sol";
import {LiveCurve} from "./LiveCurve.sol";
import {LivePurchaserWhitelist} from "./LivePurchaserWhitelist.sol";
import {LiveTokenManager} from "./LiveTokenManager.sol";

/// @title A live model pool (HokusaiAMM): buys mint through the TokenManager, sells burn through it.
/// @dev Priced on the redeemable supply the TokenManager reports, so tokens still vesting in the vault
///      do not dilute the price. Owned by the AMM factory, which attaches the whitelist and pauses.
///      API fees deposited here all go to the reserve. Sellers approve the pool for their tokens.
contract LiveHokusaiAMM is IHokusaiErrors, LiveOwnable, ReentrancyGuard {
    using LiveCurve for LiveCurve.Shape;

    uint256 public constant PPM = 1_000_000;
    uint256 public constant MIN_CRR = 50_000;
    uint256 public constant MAX_CRR = 1_000_000;
    uint256 public constant MAX_TRADE_FEE = 1000;
    uint256 private constant BPS = 10_000;

    IERC20 public immutable reserveToken;
    address public immutable hokusaiToken;
    LiveTokenManager public immutable tokenManager;
    string public modelId;
    address public immutable treasury;
    uint256 public immutable crr;
    uint256 public immutable tradeFee;
    /// @notice The end of the initial bonding round: sells open at this time.
    uint256 public immutable buyOnlyUntil;
    uint256 public reserveBalance;
    /// @notice A trade may move at most this share of the reserve (bps), as live.
    uint256 public maxTradeBps = 2000;
    LivePurchaserWhitelist public purchaserWhitelist;
    bool public paused;
    uint256 public immutable FLAT_CURVE_THRESHOLD;
    uint256 public immutable FLAT_CURVE_PRICE;

    error NotWhitelisted(address buyer);

    event Buy(address indexed buyer, uint256 reserveIn, uint256 tokensOut, uint256 fee, uint256 spotPrice);
    event InvestorPurchase(address indexed wallet, uint256 usdcAmount, uint256 tokenAmount);
    event Sell(address indexed seller, uint256 tokensIn, uint256 reserveOut, uint256 fee, uint256 spotPrice);
    event FeesDeposited(address indexed depositor, uint256 amount, uint256 newReserveBalance, uint256 newSpotPrice);
    event PurchaserWhitelistUpdated(address indexed oldWhitelist, address indexed newWhitelist);
    event Paused(address account);
    event Unpaused(address account);

    modifier whenNotPaused() {
        require(!paused, "Pausable: paused");
        _;
    }

    constructor(
        address reserveToken_,
        address hokusaiToken_,
        address payable tokenManager_,
        string memory modelId_,
        address treasury_,
        uint256 crr_,
        uint256 tradeFee_,
        uint256 ibrDuration_,
        uint256 flatCurveThreshold_,
        uint256 flatCurvePrice_
    ) {
        if (reserveToken_ == address(0)) revert ZeroAddress("reserve token");
        if (hokusaiToken_ == address(0)) revert ZeroAddress("Hokusai token");
        if (tokenManager_ == address(0)) revert ZeroAddress("token manager");
        if (treasury_ == address(0)) revert ZeroAddress("treasury");
        if (bytes(modelId_).length == 0) revert EmptyString("model ID");
        if (crr_ < MIN_CRR || crr_ > MAX_CRR) revert ValueOutOfBounds(crr_, MIN_CRR, MAX_CRR);
        if (tradeFee_ > MAX_TRADE_FEE) revert FeeTooHigh(tradeFee_, MAX_TRADE_FEE);
        if (flatCurveThreshold_ == 0) revert InvalidAmount("flat curve threshold");
        if (flatCurvePrice_ == 0) revert InvalidAmount("flat curve price");
        reserveToken = IERC20(reserveToken_);
        hokusaiToken = hokusaiToken_;
        tokenManager = LiveTokenManager(tokenManager_);
        modelId = modelId_;
        treasury = treasury_;
        crr = crr_;
        tradeFee = tradeFee_;
        buyOnlyUntil = block.timestamp + ibrDuration_;
        FLAT_CURVE_THRESHOLD = flatCurveThreshold_;
        FLAT_CURVE_PRICE = flatCurvePrice_;
    }

    // --- trades ------------------------------------------------------------

    function buy(
        uint256 reserveIn,
        uint256 minTokensOut,
        address to,
        uint256 deadline
    ) external nonReentrant whenNotPaused returns (uint256 tokensOut) {
        if (address(purchaserWhitelist) != address(0) && !purchaserWhitelist.isWhitelisted(msg.sender)) {
            revert NotWhitelisted(msg.sender);
        }
        require(block.timestamp <= deadline, "Transaction expired");
        require(reserveIn > 0, "Reserve amount must be > 0");
        require(to != address(0), "Invalid recipient");
        if (reserveBalance >= FLAT_CURVE_THRESHOLD) {
            require(reserveIn <= (reserveBalance * maxTradeBps) / BPS, "Trade exceeds max size limit");
        }
        tokensOut = getBuyQuote(reserveIn);
        require(tokensOut >= minTokensOut, "Slippage exceeded");
        require(tokensOut > 0, "Insufficient output");

        uint256 fee = _fee(reserveIn);
        require(reserveToken.transferFrom(msg.sender, address(this), reserveIn), "Reserve transfer failed");
        reserveBalance += reserveIn - fee;
        if (fee > 0) require(reserveToken.transfer(treasury, fee), "Fee transfer failed");
        tokenManager.mintTokens(modelId, to, tokensOut);
        emit Buy(msg.sender, reserveIn, tokensOut, fee, spotPrice());
        emit InvestorPurchase(msg.sender, reserveIn, tokensOut);
    }

    /// @dev `minReserveOut` is checked against the amount before the fee, as live (getSellQuote's value).
    function sell(
        uint256 tokensIn,
        uint256 minReserveOut,
        address to,
        uint256 deadline
    ) external nonReentrant whenNotPaused returns (uint256 reserveOut) {
        require(isSellEnabled(), "Sells not enabled during IBR");
        require(block.timestamp <= deadline, "Transaction expired");
        require(tokensIn > 0, "Token amount must be > 0");
        require(to != address(0), "Invalid recipient");
        reserveOut = getSellQuote(tokensIn);
        require(reserveOut >= minReserveOut, "Slippage exceeded");
        require(reserveOut <= (reserveBalance * maxTradeBps) / BPS, "Trade exceeds max size limit");

        uint256 fee = _fee(reserveOut);
        reserveBalance -= reserveOut;
        require(IERC20(hokusaiToken).transferFrom(msg.sender, address(this), tokensIn), "Token transfer failed");
        tokenManager.burnAMMTokens(modelId, address(this), tokensIn);
        require(reserveToken.transfer(to, reserveOut - fee), "Reserve transfer failed");
        if (fee > 0) require(reserveToken.transfer(treasury, fee), "Fee transfer failed");
        emit Sell(msg.sender, tokensIn, reserveOut, fee, spotPrice());
    }

    /// @notice API usage fees (and the platform's initial seed): all of it raises the reserve.
    function depositFees(uint256 amount) external nonReentrant {
        require(amount > 0, "Amount must be > 0");
        require(reserveToken.transferFrom(msg.sender, address(this), amount), "Fee deposit failed");
        reserveBalance += amount;
        emit FeesDeposited(msg.sender, amount, reserveBalance, spotPrice());
    }

    // --- quotes ------------------------------------------------------------

    function getBuyQuote(uint256 reserveIn) public view returns (uint256) {
        if (reserveIn == 0) return 0;
        return _shape().tokensFor(reserveIn - _fee(reserveIn), reserveBalance, _redeemableSupply());
    }

    /// @notice The reserve released for `tokensIn`, before the trade fee.
    function getSellQuote(uint256 tokensIn) public view returns (uint256) {
        return _shape().reserveFor(tokensIn, reserveBalance, _redeemableSupply());
    }

    function spotPrice() public view returns (uint256) {
        return _shape().spotPrice(reserveBalance, _redeemableSupply());
    }

    function getReserves() external view returns (uint256 reserve, uint256 supply) {
        return (reserveBalance, _redeemableSupply());
    }

    function isSellEnabled() public view returns (bool) {
        return block.timestamp >= buyOnlyUntil;
    }

    function getTradeInfo() external view returns (bool sellsEnabled, uint256 ibrEndTime, bool isPaused) {
        return (isSellEnabled(), buyOnlyUntil, paused);
    }

    // --- owner (the factory) -------------------------------------------------

    /// @dev address(0) makes the pool public again.
    function setPurchaserWhitelist(address whitelist) external onlyOwner {
        emit PurchaserWhitelistUpdated(address(purchaserWhitelist), whitelist);
        purchaserWhitelist = LivePurchaserWhitelist(whitelist);
    }

    function pause() external onlyOwner whenNotPaused {
        paused = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyOwner {
        require(paused, "Pausable: not paused");
        paused = false;
        emit Unpaused(msg.sender);
    }

    // --- internals ---------------------------------------------------------

    function _shape() private view returns (LiveCurve.Shape memory) {
        return LiveCurve.Shape(crr, FLAT_CURVE_THRESHOLD, FLAT_CURVE_PRICE);
    }

    function _redeemableSupply() private view returns (uint256) {
        return tokenManager.getRedeemableSupply(modelId);
    }

    /// @dev Rounded up: the trader pays the odd unit.
    function _fee(uint256 amount) private view returns (uint256) {
        return Math.mulDiv(amount, tradeFee, BPS, Math.Rounding.Ceil);
    }
}
