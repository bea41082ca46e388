import { describe, expect, it } from 'vitest';
import type { RealtimeStatus } from './realtime-client';
import { CONNECTION_LABEL_KEYS, connectionState } from './connection-state';
import { zhCN } from '../../i18n/zh-CN';
import { enUS } from '../../i18n/en-US';

const STATUSES: RealtimeStatus[] = ['idle', 'connecting', 'online', 'reconnecting', 'paused'];

describe('connectionState', () => {
  it('says offline whenever the browser has no network, whatever the socket still believes', () => {
    for (const status of STATUSES) expect(connectionState(status, false)).toBe('offline');
  });

  it('follows the socket while the browser has a network', () => {
    for (const status of STATUSES) expect(connectionState(status, true)).toBe(status);
  });

  it('labels the offline state 离线 in Chinese and Offline in English', () => {
    const [section, key] = CONNECTION_LABEL_KEYS[connectionState('online', false)].split('.') as ['realtime', 'offline'];
    expect(zhCN[section][key]).toBe('离线');
    expect(enUS[section][key]).toBe('Offline');
  });
});
