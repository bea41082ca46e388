/**
 * Text messages go through a provider: `log` (development, the default: the message is written
 * to the log and counted as sent) or Tencent Cloud SMS (腾讯云短信, API 3.0 `SendSms`, signed
 * with TC3-HMAC-SHA256). The outbox (the delivery queue) retries what the provider says may
 * succeed later.
 */
import { createHash, createHmac } from 'node:crypto';
import { postOutbound } from '../../platform/outbound/http-post.js';
import type { OutboundPolicy } from '../../platform/outbound/ssrf.js';
import type { Logger } from '../../platform/logger.js';

export interface SmsMessage {
  /** Mainland numbers as 11 digits; others in E.164 (+852…). */
  phone: string;
  /** The provider's template id (短信模板 ID). */
  templateCode: string;
  /** The template's parameters, in order. */
  params: string[];
}

export interface SmsOutcome {
  result: 'delivered' | 'retry' | 'fail';
  statusCode: number | null;
  answer: string;
  durationMs: number;
}

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage, nowMs: number): Promise<SmsOutcome>;
}

export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';
  constructor(private readonly log: Logger) {}
  send(message: SmsMessage): Promise<SmsOutcome> {
    // The phone stays masked even here: logs are read by more people than the outbox.
    this.log.info({ phone: maskPhone(message.phone), templateCode: message.templateCode, params: message.params }, 'sms (log provider)');
    return Promise.resolve({ result: 'delivered', statusCode: null, answer: 'logged (SMS_PROVIDER=log)', durationMs: 0 });
  }
}

export interface TencentSmsSettings {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  /** https://sms.tencentcloudapi.com unless overridden (the test's local server). */
  endpoint: string;
  timeoutMs: number;
  policy: OutboundPolicy;
}

const TC3_SERVICE = 'sms';
const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  /** Signed as `content-type`; the request must send exactly this value. */
  contentType: string;
  payload: string;
  timestampSeconds: number;
}

/**
 * Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256):
 * CanonicalRequest = POST \n / \n (empty query) \n "content-type:…\nhost:…\n" \n "content-type;host" \n hex(sha256(payload));
 * StringToSign = algorithm \n timestamp \n "<UTC date>/<service>/tc3_request" \n hex(sha256(CanonicalRequest));
 * the key is derived HMAC("TC3" + secretKey, date) → service → "tc3_request", and the signature
 * is hex(HMAC(key, StringToSign)).
 */
export function tc3Authorization(input: Tc3Input): { authorization: string; canonicalRequest: string; stringToSign: string } {
  const date = new Date(input.timestampSeconds * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalHeaders = `content-type:${input.contentType.toLowerCase()}\nhost:${input.host.toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.payload)].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(input.timestampSeconds), scope, sha256Hex(canonicalRequest)].join('\n');
  const secretDate = hmac(`TC3${input.secretKey}`, date);
  const secretService = hmac(secretDate, input.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `${TC3_ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    canonicalRequest,
    stringToSign,
  };
}

/** Tencent's error codes that may pass on a later try: limits and its own failures. */
const TENCENT_RETRYABLE =
  /^(InternalError|RequestLimitExceeded|LimitExceeded\.PhoneNumberOneHourLimit|FailedOperation\.InsufficientBalanceInSmsPackage)/;

export class TencentSmsProvider implements SmsProvider {
  readonly name = 'tencent';
  constructor(private readonly settings: TencentSmsSettings) {}

  async send(message: SmsMessage, nowMs: number): Promise<SmsOutcome> {
    const s = this.settings;
    const phone = /^1\d{10}$/.test(message.phone) ? `+86${message.phone}` : message.phone;
    const payload = JSON.stringify({
      PhoneNumberSet: [phone],
      SmsSdkAppId: s.sdkAppId,
      SignName: s.signName,
      TemplateId: message.templateCode,
      TemplateParamSet: message.params,
    });
    const contentType = 'application/json; charset=utf-8';
    const host = new URL(s.endpoint).host;
    const timestampSeconds = Math.floor(nowMs / 1000);
    const { authorization } = tc3Authorization({
      secretId: s.secretId,
      secretKey: s.secretKey,
      service: TC3_SERVICE,
      host,
      contentType,
      payload,
      timestampSeconds,
    });
    const outcome = await postOutbound({
      url: s.endpoint,
      body: payload,
      timeoutMs: s.timeoutMs,
      policy: s.policy,
      headers: {
        authorization,
        'content-type': contentType,
        host,
        'x-tc-action': 'SendSms',
        'x-tc-version': '2021-01-11',
        'x-tc-timestamp': String(timestampSeconds),
        'x-tc-region': s.region,
      },
    });
    const base = { statusCode: outcome.statusCode, answer: outcome.answer, durationMs: outcome.durationMs };
    if (outcome.statusCode === null)
      return { ...base, result: outcome.error === 'WEBHOOK_URL_PRIVATE' || outcome.error === 'WEBHOOK_URL_INVALID' ? 'fail' : 'retry' };
    if (outcome.statusCode >= 500 || outcome.statusCode === 429) return { ...base, result: 'retry' };
    // Tencent answers 200 with `Response.Error` on a refusal, and a status per number otherwise.
    try {
      const response = (JSON.parse(outcome.answer) as { Response?: { Error?: { Code?: string }; SendStatusSet?: { Code?: string }[] } }).Response;
      const errorCode = response?.Error?.Code;
      if (errorCode) return { ...base, result: TENCENT_RETRYABLE.test(errorCode) ? 'retry' : 'fail' };
      const statuses = response?.SendStatusSet ?? [];
      if (statuses.length > 0 && statuses.every((x) => x.Code === 'Ok')) return { ...base, result: 'delivered' };
      const code = statuses.find((x) => x.Code !== 'Ok')?.Code ?? '';
      return { ...base, result: TENCENT_RETRYABLE.test(code) ? 'retry' : 'fail' };
    } catch {
      return { ...base, result: 'fail' };
    }
  }
}
