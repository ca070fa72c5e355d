// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {LiveOwnable} from "./LiveAccess.sol";

interface ILiveStringModelTokenManager {
    function hasToken(string calldata modelId) external view returns (bool);
    function getTokenAddress(string calldata modelId) external view returns (address);
}

/// @title The live ModelRegistry's string-model and pool registry, which gates pool creation.
/// @dev Models are keyed by number: a string id counts only when it is all decimal digits, so a
///      token deployed as "sentiment-v2" can never be registered (and never get a pool). "028" and "28"
///      name the same model, as on the live chains. Numeric-id registration, model updates and weight
///      genesis are left out: the launch flow does not use them.
contract LiveModelRegistry is LiveOwnable {
    struct ModelInfo {
        address tokenAddress;
        string performanceMetric;
        bool active;
    }

    mapping(uint256 => ModelInfo) public models;
    mapping(uint256 => bool) public isModelRegistered;
    mapping(address => uint256) public tokenToModel;
    mapping(address => bool) public isTokenRegistered;

    mapping(string => address) public modelPools;
    mapping(address => string) public poolToStringModel;
    address public stringModelTokenManager;
    mapping(address => bool) public poolRegistrars;

    event ModelRegistered(uint256 indexed modelId, address indexed tokenAddress, string performanceMetric);
    event ModelDeactivated(uint256 indexed modelId);
    event ModelReactivated(uint256 indexed modelId);
    event StringModelRegistered(string indexed modelId, address indexed tokenAddress, string performanceMetric);
    event StringModelDeactivated(string indexed modelId);
    event StringModelReactivated(string indexed modelId);
    event PoolRegistered(string indexed modelId, address indexed poolAddress);
    event StringModelTokenManagerUpdated(address indexed tokenManager);
    event PoolRegistrarUpdated(address indexed registrar, bool authorized);

    // --- owner -------------------------------------------------------------

    function setStringModelTokenManager(address tokenManager) external onlyOwner {
        require(tokenManager != address(0), "TokenManager cannot be zero");
        stringModelTokenManager = tokenManager;
        emit StringModelTokenManagerUpdated(tokenManager);
    }

    function setPoolRegistrar(address registrar, bool authorized) external onlyOwner {
        require(registrar != address(0), "Registrar cannot be zero");
        poolRegistrars[registrar] = authorized;
        emit PoolRegistrarUpdated(registrar, authorized);
    }

    function registerStringModel(
        string calldata modelId,
        address token,
        string calldata performanceMetric
    ) external onlyOwner {
        require(bytes(modelId).length > 0, "Model ID cannot be empty");
        require(token != address(0), "Token address cannot be zero");
        require(bytes(performanceMetric).length > 0, "Performance metric cannot be empty");
        uint256 id = _numericId(modelId);
        require(!isModelRegistered[id], "Model already registered");
        require(!isTokenRegistered[token], "Token already registered");
        address manager = stringModelTokenManager;
        if (manager != address(0)) {
            require(ILiveStringModelTokenManager(manager).hasToken(modelId), "Token not registered in TokenManager");
            require(
                ILiveStringModelTokenManager(manager).getTokenAddress(modelId) == token,
                "Token address mismatch with TokenManager"
            );
        }
        models[id] = ModelInfo(token, performanceMetric, true);
        isModelRegistered[id] = true;
        tokenToModel[token] = id;
        isTokenRegistered[token] = true;
        emit ModelRegistered(id, token, performanceMetric);
        emit StringModelRegistered(modelId, token, performanceMetric);
    }

    function deactivateStringModel(string calldata modelId) external onlyOwner {
        uint256 id = _registeredId(modelId);
        require(models[id].active, "Model already deactivated");
        models[id].active = false;
        emit ModelDeactivated(id);
        emit StringModelDeactivated(modelId);
    }

    function reactivateStringModel(string calldata modelId) external onlyOwner {
        uint256 id = _registeredId(modelId);
        require(!models[id].active, "Model already active");
        models[id].active = true;
        emit ModelReactivated(id);
        emit StringModelReactivated(modelId);
    }

    /// @notice Called by the AMM factory (a pool registrar) in the transaction that creates the pool.
    function registerPool(string calldata modelId, address pool) external {
        require(owner() == msg.sender || poolRegistrars[msg.sender], "Caller is not authorized to register pools");
        require(bytes(modelId).length > 0, "Model ID cannot be empty");
        require(pool != address(0), "Pool address cannot be zero");
        uint256 id = _registeredId(modelId);
        require(models[id].active, "Model is deactivated");
        require(modelPools[modelId] == address(0), "Pool already exists");
        require(bytes(poolToStringModel[pool]).length == 0, "Pool already registered to another model");
        modelPools[modelId] = pool;
        poolToStringModel[pool] = modelId;
        emit PoolRegistered(modelId, pool);
    }

    // --- string-id views: false (not a revert) for an id that is not decimal ---

    function isStringRegistered(string memory modelId) public view returns (bool) {
        return _isDecimal(modelId) && isModelRegistered[_numericId(modelId)];
    }

    /// @dev The live registry keeps this older name beside isStringRegistered.
    function isStringModelRegistered(string calldata modelId) external view returns (bool) {
        return isStringRegistered(modelId);
    }

    function isStringActive(string calldata modelId) external view returns (bool) {
        return isStringRegistered(modelId) && models[_numericId(modelId)].active;
    }

    function modelsByString(
        string calldata modelId
    ) external view returns (address tokenAddress, string memory performanceMetric, bool active) {
        if (!isStringRegistered(modelId)) return (address(0), "", false);
        ModelInfo storage model = models[_numericId(modelId)];
        return (model.tokenAddress, model.performanceMetric, model.active);
    }

    function getStringToken(string calldata modelId) external view returns (address) {
        return models[_registeredId(modelId)].tokenAddress;
    }

    function isActive(uint256 modelId) external view returns (bool) {
        return isModelRegistered[modelId] && models[modelId].active;
    }

    function getPool(string calldata modelId) external view returns (address) {
        return modelPools[modelId];
    }

    function hasPool(string calldata modelId) external view returns (bool) {
        return modelPools[modelId] != address(0);
    }

    // --- ids ---------------------------------------------------------------

    function _registeredId(string memory modelId) private view returns (uint256 id) {
        id = _numericId(modelId);
        require(isModelRegistered[id], "Model not registered");
    }

    function _isDecimal(string memory modelId) private pure returns (bool) {
        bytes memory b = bytes(modelId);
        if (b.length == 0) return false;
        for (uint256 i = 0; i < b.length; i++) {
            if (b[i] < "0" || b[i] > "9") return false;
        }
        return true;
    }

    function _numericId(string memory modelId) private pure returns (uint256 id) {
        bytes memory b = bytes(modelId);
        require(b.length > 0, "Model ID cannot be empty");
        for (uint256 i = 0; i < b.length; i++) {
            require(b[i] >= "0" && b[i] <= "9", "Model ID must be decimal string");
            id = id * 10 + (uint8(b[i]) - 48);
        }
    }
}
