import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './realtime.origin.js';

describe('isOriginAllowed', () => {
  it('lets in the server’s own pages, whatever the case or the default port', () => {
    expect(isOriginAllowed('http://localhost:3000', 'localhost:3000', [])).toBe(true);
    expect(isOriginAllowed('https://AnChang.example.com', 'anchang.example.com', [])).toBe(true);
    expect(isOriginAllowed('http://anchang.example.com', 'anchang.example.com:80', [])).toBe(true);
  });

  it('refuses pages of other hosts, ports and schemes that are not listed', () => {
    expect(isOriginAllowed('https://evil.example', 'anchang.example.com', [])).toBe(false);
    expect(isOriginAllowed('http://localhost:5173', 'localhost:3000', [])).toBe(false);
    expect(isOriginAllowed('null', 'localhost:3000', [])).toBe(false);
    expect(isOriginAllowed('file://', 'localhost:3000', [])).toBe(false);
    expect(isOriginAllowed('not a url', 'localhost:3000', [])).toBe(false);
  });

  it('lets in the configured origins', () => {
    expect(isOriginAllowed('https://console.example.com', 'api.example.com', ['https://console.example.com'])).toBe(true);
    expect(isOriginAllowed('https://console.example.com.evil', 'api.example.com', ['https://console.example.com'])).toBe(false);
  });

  it('lets a client without Origin (no browser page) through to the session check', () => {
    expect(isOriginAllowed(undefined, 'localhost:3000', [])).toBe(true);
  });
});
