/**
 * The signatures the far sides check. Pure functions of their inputs (the time is passed in),
 * so the unit tests compare them with values computed independently.
 */
import { createHmac } from 'node:crypto';

/**
 * DingTalk's 加签: base64 of HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret`,
 * timestamp in milliseconds. The caller URL-encodes it as the `sign` query parameter.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * Feishu's 签名校验: base64 of HMAC-SHA256 keyed by `timestamp + "\n" + secret` over an empty
 * message, timestamp in seconds; sent in the body beside `timestamp`.
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('', 'utf8').digest('base64');
}

/**
 * Our webhooks' signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 keyed by the secret over
 * "t.body">`. The time inside the signed text lets a receiver refuse a replayed delivery.
 */
export function webhookSignature(secret: string, unixSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}
