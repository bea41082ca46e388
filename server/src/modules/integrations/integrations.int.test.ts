import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, CreatedChannel, Delivery, DeliveryDetail, PageOf } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { inTransaction } from '../../platform/tx.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { BASE_BACKOFF_MS } from './delivery-runner.js';
import { notifyGroups, queueSms, TencentSmsProvider } from './index.js';

/** What a local receiver saw. */
interface Received {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local HTTP server answering each request with the next scripted answer (then 200 `{"errcode":0}`). */
async function startReceiver(answer?: (req: Received) => { status: number; body: string } | undefined) {
  const received: Received[] = [];
  const script: { status: number; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const got: Received = { path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(got);
      const next = answer?.(got) ?? script.shift() ?? { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
      res.writeHead(next.status, { 'content-type': 'application/json' }).end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    script,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The receiver's own check of a webhook signature, written from the README's description. */
function verifyWebhook(secret: string, header: string | undefined, body: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  return createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex') === parts.v1;
}

describe(`integrations (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  const cookies: Record<string, string> = {};
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    t = await buildTestApp({ env: { OUTBOUND_ALLOW_PRIVATE_HOSTS: '127.0.0.1', OUTBOUND_TIMEOUT_MS: '3000' } });
    receiver = await startReceiver();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    const other = await createCompanyWithSite(db);
    const people = {
      manager: await createPerson(db, site, 'site_manager'),
      admin: await createPerson(db, site, 'company_admin'),
      supervisor: await createPerson(db, site, 'supervisor'),
      staff: await createPerson(db, site, 'staff', { postIds: [site.postId] }),
      client: await createPerson(db, site, 'client_viewer'),
      outsider: await createPerson(db, other, 'site_manager'),
    };
    for (const [key, person] of Object.entries(people)) cookies[key] = await loginAs(t.app, person.login);
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  const call = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `${base}${url}`,
      headers: { cookie: cookies[who]! },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const runDeliveries = () => t.app.services.outbound.runDue();
  const deliveries = async (query = '') => (await call('manager', 'GET', `/deliveries${query}`)).json<PageOf<Delivery>>();
  const detail = async (id: string) => (await call('manager', 'GET', `/deliveries/${id}`)).json<DeliveryDetail>();
  const create = async (body: Record<string, unknown>) => {
    const res = await call('manager', 'POST', '/channels', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CreatedChannel>();
  };
  const reportIncident = (severity: 'low' | 'high', description: string) =>
    call('staff', 'POST', '/incidents', { id: newId(), kind: 'suspicious_person', severity, description });
  const notify = (kind: 'repair.escalated' | 'round.missed', refs: Record<string, string>) =>
    inTransaction(t.app.services.deps, (tx) => {
      notifyGroups(tx, { siteId: site.siteId, kind, title: '测试 Test', lines: ['a line'], refs });
      return Promise.resolve();
    });

  it('refuses URLs that are not http(s) or that reach a private address, saving nothing', async () => {
    const body = { type: 'webhook', name: 'ERP', kinds: ['incident.urgent'] };
    const cases: [string, string][] = [
      ['ftp://example.com/hook', 'WEBHOOK_URL_INVALID'],
      ['javascript:alert(1)', 'WEBHOOK_URL_INVALID'],
      ['not a url', 'WEBHOOK_URL_INVALID'],
      ['http://10.1.2.3/hook', 'WEBHOOK_URL_PRIVATE'],
      ['http://169.254.169.254/latest/meta-data', 'WEBHOOK_URL_PRIVATE'],
      ['http://[::1]:8080/hook', 'WEBHOOK_URL_PRIVATE'],
      ['http://[::ffff:192.168.1.1]/hook', 'WEBHOOK_URL_PRIVATE'],
      // A name resolving to loopback, not in OUTBOUND_ALLOW_PRIVATE_HOSTS.
      [`http://localhost:${receiver.port}/hook`, 'WEBHOOK_URL_PRIVATE'],
    ];
    for (const [url, expected] of cases) {
      const res = await call('manager', 'POST', '/channels', { ...body, url });
      expect([res.statusCode, code(res)], url).toEqual([400, expected]);
    }
    expect((await call('manager', 'GET', '/channels')).json<PageOf<Channel>>().items).toEqual([]);
  });

  it('lets only the site managers and company admins keep channels', async () => {
    for (const who of ['supervisor', 'staff', 'client']) {
      expect((await call(who, 'GET', '/channels')).statusCode, who).toBe(403);
      expect((await call(who, 'GET', '/deliveries')).statusCode, who).toBe(403);
      expect(
        (await call(who, 'POST', '/channels', { type: 'wecom', name: 'x', url: receiver.url('/w'), kinds: ['round.missed'] })).statusCode,
        who,
      ).toBe(403);
    }
    // Another company's manager does not learn the site exists.
    expect((await call('outsider', 'GET', '/channels')).statusCode).toBe(404);
    expect((await call('admin', 'GET', '/channels')).statusCode).toBe(200);
  });

  let ding: CreatedChannel;
  it('sends an urgent incident to DingTalk (signed), WeCom and Feishu (signed), and never returns the secrets', async () => {
    const dingSecret = 'SEC0123456789abcdef0123456789abcdef';
    const feishuSecret = 'feishu-secret-42xyz';
    ding = await create({
      type: 'dingtalk',
      name: '案场经理群',
      url: `${receiver.url('/robot/send')}?access_token=tok123`,
      secret: dingSecret,
      keyword: '案场',
      kinds: ['incident.urgent'],
    });
    expect(ding.secret).toBe(dingSecret);
    expect(ding.channel.secretLast4).toBe('cdef');
    expect(ding.channel.urlPreview).not.toContain('tok123');
    await create({ type: 'wecom', name: '企业微信群', url: receiver.url('/cgi-bin/webhook/send?key=wk'), kinds: ['incident.urgent'] });
    await create({
      type: 'feishu',
      name: '飞书群',
      url: receiver.url('/open-apis/bot/v2/hook/fs'),
      secret: feishuSecret,
      kinds: ['incident.urgent'],
    });
    const wecomWithSecret = await call('manager', 'POST', '/channels', {
      type: 'wecom',
      name: 'w',
      url: receiver.url('/w'),
      secret: 'abcdefghij',
      kinds: ['round.missed'],
    });
    expect([wecomWithSecret.statusCode, code(wecomWithSecret)]).toEqual([400, 'CHANNEL_SECRET_NOT_ALLOWED']);

    const listed = await call('manager', 'GET', '/channels');
    expect(listed.json<PageOf<Channel>>().items.map((c) => c.type)).toEqual(['dingtalk', 'wecom', 'feishu']);
    expect(listed.body).not.toContain(dingSecret);
    expect(listed.body).not.toContain(feishuSecret);
    expect(listed.body).not.toContain('tok123');

    // A low incident is not urgent: nothing goes out.
    expect((await reportIncident('low', '门口有纸屑')).statusCode).toBe(201);
    await runDeliveries();
    expect(receiver.received).toHaveLength(0);

    expect((await reportIncident('high', '可疑人员在样板间拍照')).statusCode).toBe(201);
    // Nothing is sent inside the request: the runner sends after the commit.
    expect(receiver.received).toHaveLength(0);
    expect(await runDeliveries()).toBe(3);
    const now = t.clock.now();

    const dingReq = receiver.received.find((r) => r.path === '/robot/send')!;
    expect(dingReq.query.get('access_token')).toBe('tok123');
    expect(dingReq.query.get('timestamp')).toBe(String(now));
    // The receiver's own computation of DingTalk's 加签.
    const expectedSign = createHmac('sha256', dingSecret).update(`${now}\n${dingSecret}`).digest('base64');
    expect(dingReq.query.get('sign')).toBe(expectedSign);
    const dingBody = JSON.parse(dingReq.body) as { msgtype: string; markdown: { title: string; text: string } };
    expect(dingBody.msgtype).toBe('markdown');
    expect(dingBody.markdown.title).toContain('案场');
    expect(dingBody.markdown.text).toContain('可疑人员在样板间拍照');

    const wecomReq = receiver.received.find((r) => r.path === '/cgi-bin/webhook/send')!;
    const wecomBody = JSON.parse(wecomReq.body) as { msgtype: string; markdown: { content: string } };
    expect(wecomBody.msgtype).toBe('markdown');
    expect(wecomBody.markdown.content).toContain('可疑人员在样板间拍照');

    const feishuReq = receiver.received.find((r) => r.path === '/open-apis/bot/v2/hook/fs')!;
    const feishuBody = JSON.parse(feishuReq.body) as {
      timestamp: string;
      sign: string;
      msg_type: string;
      content: { post: { zh_cn: { title: string; content: unknown[][] } } };
    };
    const seconds = Math.floor(now / 1000);
    expect(feishuBody.timestamp).toBe(String(seconds));
    expect(feishuBody.sign).toBe(createHmac('sha256', `${seconds}\n${feishuSecret}`).update('').digest('base64'));
    expect(feishuBody.msg_type).toBe('post');
    expect(feishuBody.content.post.zh_cn.title).toContain('可疑人员');

    const log = await deliveries('?transport=robot');
    expect(log.items.map((d) => [d.status, d.attempts, d.lastStatusCode, d.kind])).toEqual([
      ['delivered', 1, 200, 'incident.urgent'],
      ['delivered', 1, 200, 'incident.urgent'],
      ['delivered', 1, 200, 'incident.urgent'],
    ]);
    // Paged: one at a time, newest first, the cursor leading to the rest.
    const first = await deliveries('?transport=robot&limit=2');
    expect(first.items).toHaveLength(2);
    const rest = await deliveries(`?transport=robot&limit=2&cursor=${first.nextCursor}`);
    expect(rest.items).toHaveLength(1);
    receiver.received.length = 0;
  });

  it('a robot that refuses inside its 200 (bad signature) fails without retrying', async () => {
    receiver.script.push({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    const res = await call('manager', 'POST', `/channels/${ding.channel.id}/test`);
    expect(res.statusCode).toBe(202);
    await runDeliveries();
    const { delivery, attempts } = await detail(res.json<{ deliveryId: string }>().deliveryId);
    expect([delivery.status, delivery.kind, attempts.length]).toEqual(['failed', 'test', 1]);
    expect(attempts[0]!.answerExcerpt).toContain('sign not match');
    receiver.received.length = 0;
  });

  let webhook: CreatedChannel;
  it('retries a webhook after a 500 with backoff, logs both attempts, and signs each so the receiver can verify', async () => {
    webhook = await create({ type: 'webhook', name: 'ERP 系统', url: receiver.url('/hooks/anchang'), kinds: ['repair.escalated'] });
    expect(webhook.secret).toMatch(/^whsec_/);
    const secret = webhook.secret!;
    expect((await call('manager', 'GET', '/channels')).body).not.toContain(secret);

    receiver.script.push({ status: 500, body: 'upstream down' });
    const workOrderId = newId();
    await notify('repair.escalated', { workOrderId });
    expect(await runDeliveries()).toBe(1);
    let [delivery] = (await deliveries('?transport=webhook')).items;
    expect([delivery!.status, delivery!.attempts, delivery!.lastStatusCode]).toEqual(['pending', 1, 500]);
    // Not yet due: between half and all of the first backoff.
    expect(delivery!.nextAt! - t.clock.now()).toBeGreaterThanOrEqual(BASE_BACKOFF_MS / 2);
    expect(delivery!.nextAt! - t.clock.now()).toBeLessThanOrEqual(BASE_BACKOFF_MS);
    expect(await runDeliveries()).toBe(0);

    t.clock.advance(BASE_BACKOFF_MS);
    expect(await runDeliveries()).toBe(1);
    [delivery] = (await deliveries('?transport=webhook')).items;
    expect([delivery!.status, delivery!.attempts]).toEqual(['delivered', 2]);
    const { attempts } = await detail(delivery!.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(attempts[0]!.answerExcerpt).toBe('upstream down');
    expect(attempts.every((a) => a.durationMs >= 0)).toBe(true);

    expect(receiver.received).toHaveLength(2);
    for (const req of receiver.received) {
      expect(verifyWebhook(secret, req.headers['x-anchang-signature'] as string, req.body)).toBe(true);
      expect(verifyWebhook('whsec_wrong', req.headers['x-anchang-signature'] as string, req.body)).toBe(false);
      const body = JSON.parse(req.body) as Record<string, unknown>;
      // Ids only, and the same delivery id on each attempt (the receiver deduplicates on it).
      expect(body).toEqual({
        id: delivery!.id,
        kind: 'repair.escalated',
        occurredAt: expect.any(String) as string,
        siteId: site.siteId,
        data: { workOrderId },
      });
    }
    receiver.received.length = 0;
  });

  it('does not retry a webhook the receiver answered 400', async () => {
    receiver.script.push({ status: 400, body: '{"error":"unknown kind"}' });
    await notify('repair.escalated', { workOrderId: newId() });
    expect(await runDeliveries()).toBe(1);
    t.clock.advance(BASE_BACKOFF_MS * 100);
    expect(await runDeliveries()).toBe(0);
    const [delivery] = (await deliveries('?transport=webhook')).items;
    expect([delivery!.status, delivery!.attempts, delivery!.lastStatusCode]).toEqual(['failed', 1, 400]);
    expect(receiver.received).toHaveLength(1);
    receiver.received.length = 0;
  });

  it('gives up after the capped number of attempts on a receiver that keeps failing', async () => {
    const failing = await startReceiver(() => ({ status: 503, body: 'busy' }));
    try {
      const channel = await create({ type: 'webhook', name: 'flaky', url: failing.url('/h'), kinds: ['round.missed'] });
      await notify('round.missed', { slotId: newId() });
      for (let i = 0; i < 10; i += 1) {
        await runDeliveries();
        t.clock.advance(BASE_BACKOFF_MS * 2 ** i);
      }
      const [delivery] = (await deliveries(`?channelId=${channel.channel.id}`)).items;
      expect([delivery!.status, delivery!.attempts]).toEqual(['failed', 6]);
      expect(failing.received).toHaveLength(6);
      expect((await call('manager', 'DELETE', `/channels/${channel.channel.id}`)).statusCode).toBe(204);
    } finally {
      await failing.close();
    }
  });

  it('checks the address again at delivery: a name that now resolves to loopback is refused, not retried', async () => {
    // As if `localhost` had resolved to a public address when saved (DNS rebinding): the row is written directly.
    const channelId = newId();
    await t.testDb.database.db
      .insertInto('notify_channels')
      .values({
        id: channelId,
        company_id: site.companyId,
        site_id: site.siteId,
        type: 'webhook',
        name: 'rebinding',
        url: `http://localhost:${receiver.port}/rebound`,
        secret: 'whsec_rebinding',
        keyword: null,
        kinds: JSON.stringify(['round.missed']),
        is_enabled: 1,
        deleted_at: null,
        created_by: null,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    await notify('round.missed', { slotId: newId() });
    await runDeliveries();
    const [delivery] = (await deliveries(`?channelId=${channelId}`)).items;
    expect([delivery!.status, delivery!.attempts]).toEqual(['failed', 1]);
    expect((await detail(delivery!.id)).attempts[0]!.error).toBe('WEBHOOK_URL_PRIVATE');
    expect(receiver.received).toHaveLength(0);
    await t.testDb.database.db.updateTable('notify_channels').set({ deleted_at: t.clock.now() }).where('id', '=', channelId).execute();
  });

  it('edits, disables and deletes channels; a disabled channel hears nothing and cannot be tested', async () => {
    const id = webhook.channel.id;
    const bad = await call('manager', 'PATCH', `/channels/${id}`, { url: 'http://192.168.0.10/x' });
    expect([bad.statusCode, code(bad)]).toEqual([400, 'WEBHOOK_URL_PRIVATE']);
    const noSecret = await call('manager', 'PATCH', `/channels/${id}`, { secret: null });
    expect([noSecret.statusCode, code(noSecret)]).toEqual([400, 'CHANNEL_SECRET_NOT_ALLOWED']);
    const off = await call('manager', 'PATCH', `/channels/${id}`, { isEnabled: false, kinds: ['repair.escalated', 'round.missed'] });
    expect(off.statusCode).toBe(200);
    expect(off.json<Channel>()).toMatchObject({ isEnabled: false, kinds: ['repair.escalated', 'round.missed'] });
    expect(off.body).not.toContain(webhook.secret!);
    await notify('repair.escalated', { workOrderId: newId() });
    expect(await runDeliveries()).toBe(0);
    const test = await call('manager', 'POST', `/channels/${id}/test`);
    expect([test.statusCode, code(test)]).toEqual([409, 'CHANNEL_DISABLED']);
    expect((await call('admin', 'DELETE', `/channels/${id}`)).statusCode).toBe(204);
    expect((await call('manager', 'GET', '/channels')).json<PageOf<Channel>>().items.map((c) => c.id)).not.toContain(id);
    expect(code(await call('manager', 'PATCH', `/channels/${id}`, { name: 'again' }))).toBe('CHANNEL_NOT_FOUND');
    expect(receiver.received).toHaveLength(0);
  });

  it('sends a queued SMS through the log provider by default, listing the phone masked', async () => {
    await inTransaction(t.app.services.deps, (tx) => {
      queueSms(tx, { siteId: site.siteId, phone: '13812345678', templateCode: '2000001', params: ['王先生', '已处理'] });
      return Promise.resolve();
    });
    await runDeliveries();
    const res = await call('manager', 'GET', '/deliveries?transport=sms');
    const [sms] = res.json<PageOf<Delivery>>().items;
    expect([sms!.status, sms!.phoneMasked, sms!.summary]).toEqual(['delivered', '138****5678', '2000001']);
    expect(res.body).not.toContain('13812345678');
  });
});

/** The receiver's own TC3-HMAC-SHA256 check, written from Tencent Cloud's description. */
function verifyTc3(req: Received, secretId: string, secretKey: string): boolean {
  const auth = String(req.headers.authorization ?? '');
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!match || match[1] !== secretId) return false;
  const timestamp = String(req.headers['x-tc-timestamp']);
  const date = match[2]!;
  if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date) return false;
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const canonical = `POST\n/\n\ncontent-type:${String(req.headers['content-type'])}\nhost:${String(req.headers.host)}\n\ncontent-type;host\n${sha(req.body)}`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${sha(canonical)}`;
  const k1 = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
  const k2 = createHmac('sha256', k1).update('sms').digest();
  const k3 = createHmac('sha256', k2).update('tc3_request').digest();
  return createHmac('sha256', k3).update(toSign).digest('hex') === match[3];
}

describe(`Tencent Cloud SMS through the outbox (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  const secretId = 'AKIDtestSecretId0001';
  const secretKey = 'tencent-secret-key-for-tests';
  let t: TestApp;
  let site: TestSite;
  let tencent: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    // The fake Tencent answers as the real one does: 200 with Response.Error when the signature fails.
    tencent = await startReceiver((req) =>
      verifyTc3(req, secretId, secretKey)
        ? { status: 200, body: JSON.stringify({ Response: { SendStatusSet: [{ Code: 'Ok', PhoneNumber: '+8613812345678' }], RequestId: 'r1' } }) }
        : {
            status: 200,
            body: JSON.stringify({ Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad signature' }, RequestId: 'r2' } }),
          },
    );
    t = await buildTestApp({
      env: {
        OUTBOUND_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
        SMS_PROVIDER: 'tencent',
        SMS_TENCENT_SECRET_ID: secretId,
        SMS_TENCENT_SECRET_KEY: secretKey,
        SMS_TENCENT_SDK_APP_ID: '1400000001',
        SMS_TENCENT_SIGN_NAME: '案场服务',
        SMS_TENCENT_ENDPOINT: tencent.url(''),
      },
    });
    site = await createCompanyWithSite(t.testDb.database.db);
  });
  afterAll(async () => {
    await tencent?.close();
    await t?.close();
  });

  it('signs SendSms with TC3-HMAC-SHA256 so the server accepts it; a wrong secret is refused and not retried', async () => {
    await inTransaction(t.app.services.deps, (tx) => {
      queueSms(tx, { siteId: site.siteId, phone: '13812345678', templateCode: '1234567', params: ['王先生'] });
      return Promise.resolve();
    });
    expect(await t.app.services.outbound.runDue()).toBe(1);
    const [req] = tencent.received;
    expect(req!.headers['x-tc-action']).toBe('SendSms');
    expect(verifyTc3(req!, secretId, secretKey)).toBe(true);
    expect(verifyTc3(req!, secretId, 'another-key')).toBe(false);
    expect(JSON.parse(req!.body)).toEqual({
      PhoneNumberSet: ['+8613812345678'],
      SmsSdkAppId: '1400000001',
      SignName: '案场服务',
      TemplateId: '1234567',
      TemplateParamSet: ['王先生'],
    });
    const row = await t.testDb.database.db.selectFrom('outbound_deliveries').selectAll().executeTakeFirstOrThrow();
    expect([row.status, row.attempts]).toEqual(['delivered', 1]);

    const wrong = new TencentSmsProvider({
      secretId,
      secretKey: 'not-the-secret',
      sdkAppId: '1400000001',
      signName: '案场服务',
      region: 'ap-guangzhou',
      endpoint: tencent.url(''),
      timeoutMs: 3000,
      policy: { allowPrivateHosts: ['127.0.0.1'] },
    });
    const outcome = await wrong.send({ phone: '13812345678', templateCode: '1234567', params: [] }, t.clock.now());
    expect(outcome.result).toBe('fail');
    expect(outcome.answer).toContain('AuthFailure.SignatureFailure');
  });
});
