// The one barrel the project has: Drizzle's schema entry point (drizzle.config.ts, db/client.ts).

export * from "./audit";
export * from "./employers";
export * from "./imports";
export * from "./jobs";
export * from "./labourers";
export * from "./notifications";
export * from "./outbox";
export * from "./placement";
export * from "./recommendations";
export * from "./regions";
export * from "./retention";
export * from "./stats";
export * from "./subsidies";
export * from "./training";
export * from "./users";
