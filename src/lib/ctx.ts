import type { Redis } from "ioredis";
import type { Db } from "../../db/client";
import type { Config } from "../config";
import type { OtpSender } from "../modules/auth/otp-sender";
import type { WechatOAuth } from "../modules/auth/wechat";
import type { Notifier } from "../modules/notifications/notifier";
import type { Queues } from "../queue/queues";
import type { Search } from "../search/client";
import type { PiiCipher } from "./crypto";
import type { FileStore } from "./file-store";
import type { Logger } from "./logger";

/** Long-lived dependencies, built once per process (src/deps.ts) and shared by API and workers. */
export interface Deps {
  config: Config;
  db: Db;
  /** Monitoring reads (DATABASE_READ_URL, a replica): the same object as `db` when unset. */
  readDb: Db;
  /** BullMQ's connection: waits for Redis as long as it takes (workers, queues). */
  redis: Redis;
  /** Commands that guard a request (rate limits): short timeout, fail closed (src/queue/connection.ts). */
  guardRedis: Redis;
  queues: Queues;
  search: Search;
  pii: PiiCipher;
  log: Logger;
  otpSender: OtpSender;
  wechat: WechatOAuth;
  /** Pushes to labourers and cadres (WeChat → SMS, or the dev sink): src/modules/notifications. */
  notifier: Notifier;
  /** Uploaded evidence files (DATA_DIR/evidence on local disk): src/lib/file-store.ts. */
  files: FileStore;
  /** The clock: tests replace it; services never call `new Date()` for business time. */
  now: () => Date;
}

export type Role = "admin" | "bureau" | "cadre" | "employer" | "labourer";

export type Actor =
  | { kind: "anonymous" }
  | { kind: "system"; name: string }
  | {
      kind: "user";
      userId: string;
      role: Role;
      /** Bureau and cadre users: the GB/T 2260 code of the region they serve. */
      regionCode: string | null;
      employerId: string | null;
      labourerId: string | null;
    };

export type UserActor = Extract<Actor, { kind: "user" }>;

/** What a service call gets: deps plus who is acting, for which request. */
export interface Ctx extends Deps {
  actor: Actor;
  requestId: string;
}

export function systemCtx(deps: Deps, name = "worker", requestId = name): Ctx {
  return {
    ...deps,
    actor: { kind: "system", name },
    requestId,
    log: deps.log.child({ job: requestId }),
  };
}
