import {
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { id, timestamps, tstz } from "./columns";

export const userRole = pgEnum("user_role", ["admin", "bureau", "cadre", "employer", "labourer"]);

/** What a one-time code proves: `login` (sign in with this phone) or `phone_change` (a signed-in labourer owns this new phone). */
export const otpPurpose = pgEnum("otp_purpose", ["login", "phone_change"]);

/**
 * Everyone who signs in. Staff (admin, bureau, cadre) and employers use a password; labourers
 * use a phone one-time code or WeChat. `regionCode` scopes bureau and cadre users.
 */
export const users = pgTable(
  "users",
  {
    id: id(),
    username: varchar({ length: 64 }),
    passwordHash: text(),
    role: userRole().notNull(),
    displayName: text().notNull(),
    regionCode: varchar({ length: 12 }),
    employerId: uuid(),
    labourerId: uuid(),
    /** HMAC of the normalised phone (see PiiCipher.hash): lookup for one-time-code sign-in. */
    phoneHash: text(),
    wechatOpenid: text(),
    disabledAt: tstz(),
    /**
     * Sessions carry the version they were issued at (claim `tv`) and stop working once it moves.
     * A trigger (migration 0011_normalise_usernames_token_version_trigger) bumps it whenever the password, the phone,
     * the disabled flag, the role, region, employer or labourer changes; sign-out bumps it too.
     */
    tokenVersion: integer().notNull().default(0),
    lastLoginAt: tstz(),
    ...timestamps,
  },
  (t) => [
    // Usernames are stored normalised (src/lib/username.ts) and looked up by equality.
    uniqueIndex("users_username_uq").on(t.username),
    uniqueIndex("users_phone_role_uq").on(t.phoneHash, t.role),
    uniqueIndex("users_wechat_openid_uq").on(t.wechatOpenid),
    uniqueIndex("users_labourer_uq").on(t.labourerId),
    index("users_employer_idx").on(t.employerId),
  ],
);

/**
 * One-time codes sent by SMS: only the HMAC of the code is kept, never the code. A code is good
 * for its purpose only; a `phone_change` code also only for the account that asked for it.
 */
export const otpCodes = pgTable(
  "otp_codes",
  {
    id: id(),
    purpose: otpPurpose().notNull().default("login"),
    /** The signed-in account that asked (phone_change); null for sign-in codes. */
    userId: uuid(),
    phoneHash: text().notNull(),
    codeHash: text().notNull(),
    expiresAt: tstz().notNull(),
    attempts: integer().notNull().default(0),
    consumedAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [index("otp_codes_phone_idx").on(t.phoneHash, t.createdAt)],
);
