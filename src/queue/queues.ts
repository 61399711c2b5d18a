import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { RECOMMEND_QUEUE } from "./recommend";
import { SEARCH_SYNC_QUEUE } from "./search-sync";
import { IMPORT_QUEUE } from "./import";

/** Every queue the service uses, by role. Each queue's name, payload and options live in its own file. */
export interface Queues {
  prefix: string;
  recommend: Queue;
  searchSync: Queue;
  import: Queue;
  all(): Queue[];
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const make = (name: string) => new Queue(name, { connection, prefix });
  const q = {
    prefix,
    recommend: make(RECOMMEND_QUEUE),
    searchSync: make(SEARCH_SYNC_QUEUE),
    import: make(IMPORT_QUEUE),
  };
  return { ...q, all: () => [q.recommend, q.searchSync, q.import] };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(queues.all().map((q) => q.close()));
}
