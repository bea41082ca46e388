import { describe, expect, it } from 'vitest';
import { buildRobotRequest } from './robot-messages.js';
import { dingtalkSign, feishuSign, webhookSignature } from './signing.js';
import { tc3Authorization } from './sms-provider.js';
import { backoffMs, BASE_BACKOFF_MS } from './delivery-runner.js';

// Expected values computed independently (Python's hmac/hashlib from the vendors' sample code).
describe('signers', () => {
  it("DingTalk's 加签: base64 HMAC-SHA256(secret, timestamp\\nsecret), URL-encoded in the query", () => {
    expect(dingtalkSign('SECtest-secret-0123456789', 1700000000000)).toBe('loAs986iXlZUJyoAu2REiC16DMGrtdERSegy7jQ3Qtg=');
    const req = buildRobotRequest(
      { type: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SECtest-secret-0123456789', keyword: null },
      { title: 't', lines: [], link: null },
      1700000000000,
    );
    expect(req.url).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=loAs986iXlZUJyoAu2REiC16DMGrtdERSegy7jQ3Qtg%3D',
    );
  });

  it("Feishu's 签名校验: base64 HMAC-SHA256 keyed by timestamp\\nsecret over an empty message", () => {
    expect(feishuSign('feishu-secret', 1599360473)).toBe('GnmU6lMJMtXPkxW7kXxgtXI0SJxjk0TQFnFuz93Dt+0=');
  });

  it('our webhook signature: t=<unix>,v1=<hex HMAC-SHA256 over "t.body">', () => {
    expect(webhookSignature('whsec_x', 1700000000, '{"a":1}')).toBe(
      't=1700000000,v1=b3438763ab46d9634b9844c8722818eaf523f803db1327484c6067462a5fd6d1',
    );
  });

  it("TC3-HMAC-SHA256 on Tencent Cloud's documented example request", () => {
    // The documentation's CVM DescribeInstances example: its payload hash is 35e9c5b0…; its
    // secret key is masked there, so the final signature uses a key of our own.
    const payload = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    const signed = tc3Authorization({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      payload,
      timestampSeconds: 1551113065,
    });
    expect(signed.canonicalRequest.endsWith('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064')).toBe(true);
    expect(signed.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });
});

const bodyOf = (req: { body: string }) => JSON.parse(req.body) as Record<string, unknown> & { markdown: { title: string; text: string } };

describe('robot bodies', () => {
  const notice = { title: '紧急事件', lines: ['电梯困人'], link: 'https://anchang.example.com/sites/s/incidents' };
  it('WeCom gets markdown; a DingTalk keyword rides along; Feishu gets a post without a signature when it has no secret', () => {
    const wecom = bodyOf(
      buildRobotRequest({ type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', secret: null, keyword: null }, notice, 0),
    );
    expect(wecom).toEqual({
      msgtype: 'markdown',
      markdown: { content: '### 紧急事件\n\n> 电梯困人\n\n[查看详情 / Open](https://anchang.example.com/sites/s/incidents)' },
    });
    const ding = bodyOf(
      buildRobotRequest({ type: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=a', secret: null, keyword: '案场' }, notice, 0),
    );
    expect(ding.markdown.title).toBe('紧急事件 · 案场');
    expect(ding.markdown.text).toContain('案场');
    const feishu = bodyOf(
      buildRobotRequest({ type: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: null, keyword: null }, notice, 0),
    );
    expect(feishu).toEqual({
      msg_type: 'post',
      content: {
        post: {
          zh_cn: {
            title: '紧急事件',
            content: [
              [{ tag: 'text', text: '电梯困人' }],
              [{ tag: 'a', text: '查看详情 / Open', href: 'https://anchang.example.com/sites/s/incidents' }],
            ],
          },
        },
      },
    });
  });
});

describe('backoff', () => {
  it('doubles from 30 s, jittered between half and all of it', () => {
    expect(backoffMs(1, () => 0)).toBe(BASE_BACKOFF_MS / 2);
    expect(backoffMs(1, () => 1)).toBe(BASE_BACKOFF_MS);
    expect(backoffMs(3, () => 1)).toBe(BASE_BACKOFF_MS * 4);
    expect(backoffMs(3, () => 0.5)).toBe(BASE_BACKOFF_MS * 3);
  });
});
