/** The backend's steps after a developer's deployment: distribution and pool. */
export * from "./distribute";
export * from "./pool-params";
export * from "./reads";
