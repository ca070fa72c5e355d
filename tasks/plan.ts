import { task, types } from "hardhat/config";

import { TASK_HOKUSAI_PLAN } from "../src/task-names";

interface PlanArgs {
  plan?: string;
  json: boolean;
}

task(
  TASK_HOKUSAI_PLAN,
  "Validates a launch plan (hokusai.model.json or .yaml) and projects its supply over the expected DeltaOnes; sends nothing",
)
  .addOptionalParam(
    "plan",
    "The launch plan file, .json, .yaml or .yml (default: hokusai.model.json, .yaml or .yml in the project root)",
    undefined,
    types.string,
  )
  .addFlag("json", 'Print one JSON object on stdout ({"version": 1, ...}) instead of the text')
  .setAction(async (args: PlanArgs, hre) => {
    const { findDefaultPlan, loadPlan, projectPlan } = await import("../src/core/plan");
    const { flagNamer, withPluginErrors } = await import("../src/errors");
    const ui = await import("../src/ui/plan");

    const loaded = await withPluginErrors(
      async () => loadPlan(args.plan ?? (await findDefaultPlan(hre.config.paths.root))),
      flagNamer,
    );
    const projection = projectPlan(loaded);
    if (args.json) {
      console.log(JSON.stringify(ui.planJson(loaded, projection), null, 2));
    } else {
      console.log(ui.formatPlan(loaded, projection));
    }
    for (const warning of ui.planWarnings(projection)) console.error(`Warning: ${warning}`);
    return { ...loaded, projection };
  });
