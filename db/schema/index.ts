// The one barrel the project has: Drizzle's schema entry point (drizzle.config.ts, db/client.ts).
export * from "./regions";
export * from "./users";
export * from "./audit";
export * from "./outbox";
export * from "./employers";
export * from "./labourers";
export * from "./training";
export * from "./jobs";
export * from "./imports";
export * from "./recommendations";
export * from "./placement";
