/**
 * The Requests and World panels' news from a run, sent one task after the program's step that made
 * it: the program's own output, which is what the reader waits for after Run, goes out first (the
 * page's main thread takes messages in order, and showing a request row or a world first would hold
 * the line back by a frame), and a step that changed the world several times sends only the newest
 * world. `flush` sends what is pending at once: before the run's last message, after which the
 * worker is gone.
 */
import type { RequestRecord, WorldState } from 'kms-custom-key-store-mock';
import type { FromWorker } from '../protocol';

export interface PanelNews {
  request(record: RequestRecord): void;
  world(newest: WorldState): void;
  flush(): void;
}

export function createPanelNews(post: (message: FromWorker) => void): PanelNews {
  const records: RequestRecord[] = [];
  let world: WorldState | undefined;
  let scheduled = false;
  // A message to itself is the next task (a timer would be the simulated clock's, in the run worker).
  const nextTask = new MessageChannel();
  const flush = () => {
    scheduled = false;
    for (const record of records.splice(0)) post({ type: 'request', record });
    if (world) post({ type: 'world', world });
    world = undefined;
  };
  nextTask.port1.onmessage = flush;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    nextTask.port2.postMessage(null);
  };
  return {
    request(record) {
      records.push(record);
      schedule();
    },
    world(newest) {
      world = newest;
      schedule();
    },
    flush,
  };
}
