import { AsyncLocalStorage } from 'node:async_hooks';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerWriteGate, WriteGate, WriteWaitTimeout } from './write-gate.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WriteGate', () => {
  it('starts writes up to its bound, then one for each that finishes, first come first served', () => {
    const gate = new WriteGate(2);
    const started: number[] = [];
    for (let i = 0; i < 5; i++) gate.enter(() => started.push(i));
    expect(started).toEqual([0, 1]);
    expect([gate.running, gate.queued]).toEqual([2, 3]);
    gate.finished();
    expect(started).toEqual([0, 1, 2]);
    gate.finished();
    gate.finished();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    gate.finished();
    gate.finished();
    expect([gate.running, gate.queued]).toEqual([0, 0]);
    // Quiet again: a write starts at once.
    gate.enter(() => started.push(5));
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('starts a write that waited in the async context it entered in, not in the one of the write that freed its place', () => {
    const request = new AsyncLocalStorage<string>();
    const gate = new WriteGate(1);
    const seen: (string | undefined)[] = [];
    request.run('first', () => gate.enter(() => seen.push(request.getStore())));
    request.run('second', () => gate.enter(() => seen.push(request.getStore())));
    request.run('first', () => gate.finished());
    expect(seen).toEqual(['first', 'second']);
  });
});

describe('registerWriteGate', () => {
  it('holds the third write until one of two is answered; reads and sign-in pass; every answer frees its place', async () => {
    const app = Fastify();
    const gate = registerWriteGate(app, 2, 60_000);
    const releases: (() => void)[] = [];
    const begun: string[] = [];
    app.post('/api/slow/:n', async (req) => {
      begun.push((req.params as { n: string }).n);
      await new Promise<void>((resolve) => releases.push(resolve));
      return { ok: true };
    });
    app.get('/api/list', () => ({ ok: true }));
    app.post('/api/auth/login', () => ({ ok: true }));
    app.delete('/api/fail', () => {
      throw new Error('refused');
    });
    // Over real connections: a request whose body has been read counts as destroyed in Node, its
    // connection still open, and the gate must not take that for a client gone.
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });

    // With bodies, read before the gate: a write is counted from its handler on.
    const writes = ['1', '2', '3'].map((n) => send('POST', `/api/slow/${n}`, { n }));
    while (releases.length < 2) await nextTurn();
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(begun).toEqual(['1', '2']);
    expect((await send('GET', '/api/list')).status).toBe(200);
    expect((await send('POST', '/api/auth/login', {})).status).toBe(200);

    releases.shift()!();
    while (releases.length < 2) await nextTurn();
    expect(begun).toEqual(['1', '2', '3']);
    releases.splice(0).forEach((release) => release());
    expect((await Promise.all(writes)).map((r) => r.status)).toEqual([200, 200, 200]);
    // An error answer frees its place too.
    expect((await send('DELETE', '/api/fail')).status).toBe(500);
    for (let i = 0; i < 5; i++) await nextTurn();
    expect([gate.running, gate.queued]).toEqual([0, 0]);
    await app.close();
  });

  it('answers a write that waited longer than the pool would have as busy, without starting it', async () => {
    const app = Fastify();
    app.setErrorHandler((err, _req, reply) => reply.code(err instanceof WriteWaitTimeout ? 503 : 500).send({ name: (err as Error).name }));
    registerWriteGate(app, 1, 50);
    let release: () => void = () => undefined;
    const begun: string[] = [];
    app.post('/api/slow/:n', async (req) => {
      begun.push((req.params as { n: string }).n);
      if (begun.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return { ok: true };
    });
    await app.ready();
    const first = app.inject({ method: 'POST', url: '/api/slow/1', payload: {} });
    const second = app.inject({ method: 'POST', url: '/api/slow/2', payload: {} });
    await new Promise((r) => setTimeout(r, 120));
    release();
    expect((await first).statusCode).toBe(200);
    const late = await second;
    expect([late.statusCode, late.json()]).toEqual([503, { name: 'WriteWaitTimeout' }]);
    expect(begun).toEqual(['1']);
    // The place it would have taken is free: the next write starts at once.
    expect((await app.inject({ method: 'POST', url: '/api/slow/3', payload: {} })).statusCode).toBe(200);
    await app.close();
  });
});
