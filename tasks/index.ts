// One file per task; each keeps its top level light and imports its work inside the action.
import "./deploy-token";
import "./license-hash";
import "./plan";
import "./verify-license";
import "./status";
import "./distribute-supplier-allocation";
import "./create-pool";
import "./devnet";
import "./deploy-tokens";
import "./launch";
