/**
 * The built web app as the server hands it out: hashed assets cached for good, the HTML and
 * everything else revalidated, the staff app's fallback under /m.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './test/build-test-app.js';

describe('the built web app', () => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), 'anchang-dist-'));
    await mkdir(path.join(dist, 'assets'));
    await mkdir(path.join(dist, 'm'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
    await writeFile(path.join(dist, 'm', 'index.html'), '<!doctype html><title>staff</title>');
    await writeFile(path.join(dist, 'assets', 'console-abc123.js'), 'console.log(1)');
    await writeFile(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // The build's precompressed copies (web/precompress-plugin.ts), told apart by their bodies.
    await writeFile(path.join(dist, 'assets', 'staff-def456.js'), 'plain');
    await writeFile(path.join(dist, 'assets', 'staff-def456.js.br'), 'brotli');
    await writeFile(path.join(dist, 'assets', 'staff-def456.js.gz'), 'gzip');
    t = await buildTestApp({ env: { WEB_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await t.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/console-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(1)');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the precompressed copy the browser accepts, brotli first, and plain to the others', async () => {
    const br = await t.app.inject({ method: 'GET', url: '/assets/staff-def456.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.toString()).toBe('brotli');
    const gz = await t.app.inject({ method: 'GET', url: '/assets/staff-def456.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.toString()).toBe('gzip');
    const plain = await t.app.inject({ method: 'GET', url: '/assets/staff-def456.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('plain');
  });

  it('revalidates files without a content hash', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers the console and the staff app routes with their HTML, revalidated', async () => {
    const consoleHtml = await t.app.inject({ method: 'GET', url: '/day-board' });
    expect(consoleHtml.statusCode).toBe(200);
    expect(consoleHtml.body).toContain('<title>console</title>');
    expect(consoleHtml.headers['cache-control']).toBe('no-cache');
    const staff = await t.app.inject({ method: 'GET', url: '/m/shift' });
    expect(staff.body).toContain('<title>staff</title>');
  });

  it('gives a missing asset a 404 with a code, not the HTML', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/gone-000.js' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });
});
