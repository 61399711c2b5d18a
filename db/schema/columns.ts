import { timestamp, uuid } from "drizzle-orm/pg-core";

/** Shared column groups. All times are timestamptz; money is integer fen everywhere. */
export const id = () => uuid().primaryKey().defaultRandom();

export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

export const tstz = () => timestamp({ withTimezone: true });
