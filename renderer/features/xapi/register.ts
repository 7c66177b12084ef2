import { getHost } from '../../host/host.ts';
import { onLearningEvent } from '../../state/learning-events.ts';
import { useStore } from '../../state/store.ts';

/*
 * xAPI: listens to the lesson player's learning events and, when the learner turned xAPI on,
 * records them as statements (the recorder loads on first use). Also tells the host when the
 * setting changes, so the queue sends only while it is on.
 */

// One chain, so statements reach the queue in the order the learner did things.
let chain: Promise<void> = Promise.resolve();

onLearningEvent((event) => {
  if (!useStore.getState().settings.xapiEnabled) return;
  chain = chain
    .then(() => import('./recorder.ts'))
    .then((m) => m.record(event))
    .catch((e: unknown) => console.error('xAPI: the statement could not be queued', e));
});

useStore.subscribe((s, prev) => {
  if (Boolean(s.settings.xapiEnabled) === Boolean(prev.settings.xapiEnabled)) return;
  getHost()
    .xapiSetEnabled(Boolean(s.settings.xapiEnabled))
    .catch((e: unknown) => console.error('xAPI: could not switch sending', e));
});
