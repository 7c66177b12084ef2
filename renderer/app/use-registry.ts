import { useSyncExternalStore } from 'react';
import { registryVersion, subscribeRegistry } from './registry.ts';

/** Re-renders the caller when a screen or command is registered (registrations normally all come at start-up). */
export function useRegistry(): number {
  return useSyncExternalStore(subscribeRegistry, registryVersion);
}
