export * from "./audit";
export * from "./auth";
export * from "./drafts";
export * from "./tasks";
export * from "./connect-budget";
