/** Runs tasks one at a time per key, in call order; different keys run independently. */
export type KeyedQueue<K> = <T>(key: K, task: () => Promise<T>) => Promise<T>;

/** A per-key promise chain: two saves of one document never interleave their file operations. */
export function createKeyedQueue<K>(): KeyedQueue<K> {
  const tails = new Map<K, Promise<unknown>>();
  return <T>(key: K, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    // A failed task must not block the ones queued after it.
    const result = previous.then(() => task());
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
