import { describe, expect, it } from 'vitest';
import { checkOutboundUrl, isPrivateAddress, OutboundUrlError } from './ssrf.js';

describe('outbound address guard', () => {
  it('knows private, loopback and link-local addresses, also inside IPv6', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::10.0.0.1',
      '224.0.0.1',
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '203.0.113.9', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });

  const refusal = async (url: string, opts: { allow?: string[]; resolvesTo?: string } = {}) => {
    try {
      await checkOutboundUrl(url, {
        allowPrivateHosts: opts.allow ?? [],
        lookup: () => Promise.resolve([{ address: opts.resolvesTo ?? '93.184.216.34', family: 4 }]),
      });
      return null;
    } catch (err) {
      return err instanceof OutboundUrlError ? err.code : String(err);
    }
  };

  it('refuses other schemes, credentials and names resolving to private addresses, unless the host is allowed', async () => {
    expect(await refusal('file:///etc/passwd')).toBe('WEBHOOK_URL_INVALID');
    expect(await refusal('gopher://example.com')).toBe('WEBHOOK_URL_INVALID');
    expect(await refusal('https://user:pw@example.com/')).toBe('WEBHOOK_URL_INVALID');
    expect(await refusal('https://hooks.example.com/x')).toBeNull();
    expect(await refusal('https://rebind.example.com/x', { resolvesTo: '127.0.0.1' })).toBe('WEBHOOK_URL_PRIVATE');
    expect(await refusal('http://127.0.0.1:9000/x')).toBe('WEBHOOK_URL_PRIVATE');
    expect(await refusal('http://127.0.0.1:9000/x', { allow: ['127.0.0.1'] })).toBeNull();
    // The decimal form of 127.0.0.1: the URL parser normalises it, and the guard sees loopback.
    expect(await refusal('http://2130706433/x')).toBe('WEBHOOK_URL_PRIVATE');
  });
});
