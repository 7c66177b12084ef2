import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../core/contract.ts';
import { CHANNEL_NAMES, methodName } from '../../core/contract-channels.ts';
import { EXPECTED_CHANNELS, EXPECTED_METHODS } from '../fixtures/ipc-channels.ts';

describe('the IPC contract', () => {
  it('has a validator for every channel name the preload exposes, and no other', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(CHANNELS).sort());
    expect([...CHANNEL_NAMES].sort()).toEqual(EXPECTED_CHANNELS);
  });

  it('names each function after its channel, domain then verb in camel case', () => {
    expect(CHANNEL_NAMES.map(methodName).sort()).toEqual(EXPECTED_METHODS);
    expect(methodName('store:load')).toBe('storeLoad');
  });

  it('validates the arguments each channel declares', () => {
    expect(CHANNELS['store:load'].safeParse(['settings']).success).toBe(true);
    expect(CHANNELS['store:load'].safeParse(['../etc/passwd']).success).toBe(false);
    expect(CHANNELS['store:save'].safeParse(['progress', { version: 1 }]).success).toBe(true);
    expect(CHANNELS['store:save'].safeParse(['progress']).success).toBe(false);
    expect(CHANNELS['app:info'].safeParse([]).success).toBe(true);
    expect(CHANNELS['app:info'].safeParse(['extra']).success).toBe(false);
    // The renderer never names a path: it can only take the file the command line gave.
    expect(CHANNELS['launch:take-file'].safeParse([]).success).toBe(true);
    expect(CHANNELS['launch:take-file'].safeParse(['/etc/passwd']).success).toBe(false);
  });
});
