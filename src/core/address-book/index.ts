/** The platform's published addresses, and their check on chain. */
export * from "./book";
export * from "./check";
