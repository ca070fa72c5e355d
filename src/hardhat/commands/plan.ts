/** `hokusai:plan` as a command: load, project, print; sends nothing. Both editions run it. */
export interface PlanArgs {
  plan?: string;
  json: boolean;
}

/** `root`: the project root, where the default plan file is looked for. */
export async function planCommand(root: string, args: PlanArgs): Promise<unknown> {
  const { findDefaultPlan, loadPlan, projectPlan } = await import("../../core/plan");
  const { flagNamer, withPluginErrors } = await import("../../errors");
  const ui = await import("../../ui/plan");

  const loaded = await withPluginErrors(
    async () => loadPlan(args.plan ?? (await findDefaultPlan(root))),
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
}
