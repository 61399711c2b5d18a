import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { IMPORT_QUEUE } from "./import";
import { MAINTENANCE_QUEUE } from "./maintenance";
import { NOTIFY_QUEUE } from "./notify";
import { RECOMMEND_QUEUE } from "./recommend";
import { SEARCH_SYNC_QUEUE } from "./search-sync";
import { STATS_QUEUE } from "./stats";
import { SUBSIDY_QUEUE } from "./subsidy";

/** Every queue the service uses, by role. Each queue's name, payload and options live in its own file. */
export interface Queues {
  prefix: string;
  recommend: Queue;
  searchSync: Queue;
  maintenance: Queue;
  import: Queue;
  notify: Queue;
  stats: Queue;
  subsidy: Queue;
  all(): Queue[];
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const make = (name: string) => new Queue(name, { connection, prefix });
  const q = {
    prefix,
    recommend: make(RECOMMEND_QUEUE),
    searchSync: make(SEARCH_SYNC_QUEUE),
    maintenance: make(MAINTENANCE_QUEUE),
    import: make(IMPORT_QUEUE),
    notify: make(NOTIFY_QUEUE),
    stats: make(STATS_QUEUE),
    subsidy: make(SUBSIDY_QUEUE),
  };
  return {
    ...q,
    all: () => [q.recommend, q.searchSync, q.maintenance, q.import, q.notify, q.stats, q.subsidy],
  };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(queues.all().map((q) => q.close()));
}
