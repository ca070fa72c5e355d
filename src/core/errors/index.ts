/** The core's errors: one type, one catalogue of codes, factories by area. */
export * from "./codes";
export * from "./error";
export * from "./input";
export * from "./chain";
export * from "./license";
export * from "./files";
