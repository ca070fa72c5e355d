// One file per task; each keeps its top level light and imports its work inside the action.
import "./deploy-token";
import "./license-hash";
import "./plan";
import "./verify-license";
import "./devnet";
import "./deploy-tokens";
