export * from "./audit";
export * from "./auth";
export * from "./bulk";
export * from "./drafts";
export * from "./tasks";
export * from "./connect-budget";
export * from "./held";
export * from "./series";
