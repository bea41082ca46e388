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
