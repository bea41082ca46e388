/**
 * A group notice as each robot wants it: WeCom (企业微信群机器人) and DingTalk (钉钉自定义机器人)
 * take markdown, Feishu (飞书自定义机器人) a rich-text `post`. Signing happens here, at send
 * time: DingTalk and Feishu refuse a timestamp older than an hour, so a retried message is
 * signed afresh.
 */
import type { ChannelType } from '@anchang/contracts';
import { dingtalkSign, feishuSign } from './signing.js';

export interface NoticeContent {
  title: string;
  lines: string[];
  /** An absolute http(s) link, or null. */
  link: string | null;
}

export interface RobotTarget {
  type: Exclude<ChannelType, 'webhook'>;
  url: string;
  secret: string | null;
  keyword: string | null;
}

export interface BuiltRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

const LINK_TEXT = '查看详情 / Open';

/** Markdown special characters in our own text would restyle it in the group. */
const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]])/g, '\\$1');

function markdown(notice: NoticeContent, keyword: string | null): string {
  const lines = [`### ${escapeMarkdown(notice.title)}`, ...notice.lines.map((l) => `> ${escapeMarkdown(l)}`)];
  if (notice.link) lines.push(`[${LINK_TEXT}](${notice.link})`);
  // DingTalk's keyword guard drops a message without the keyword: it rides along, visibly.
  if (keyword && !lines.some((l) => l.includes(keyword))) lines.push(`— ${keyword}`);
  return lines.join('\n\n');
}

export function buildRobotRequest(target: RobotTarget, notice: NoticeContent, nowMs: number): BuiltRequest {
  switch (target.type) {
    case 'wecom':
      return { url: target.url, headers: {}, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown(notice, target.keyword) } }) };
    case 'dingtalk': {
      const url = new URL(target.url);
      if (target.secret) {
        url.searchParams.set('timestamp', String(nowMs));
        // URLSearchParams percent-encodes '+', '/' and '=' of the base64: DingTalk's urlEncode.
        url.searchParams.set('sign', dingtalkSign(target.secret, nowMs));
      }
      const title = target.keyword && !notice.title.includes(target.keyword) ? `${notice.title} · ${target.keyword}` : notice.title;
      return {
        url: url.toString(),
        headers: {},
        body: JSON.stringify({ msgtype: 'markdown', markdown: { title, text: markdown(notice, target.keyword) } }),
      };
    }
    case 'feishu': {
      const rows: unknown[][] = notice.lines.map((text) => [{ tag: 'text', text }]);
      if (notice.link) rows.push([{ tag: 'a', text: LINK_TEXT, href: notice.link }]);
      if (target.keyword && ![notice.title, ...notice.lines].some((l) => l.includes(target.keyword!)))
        rows.push([{ tag: 'text', text: target.keyword }]);
      const seconds = Math.floor(nowMs / 1000);
      const signature = target.secret ? { timestamp: String(seconds), sign: feishuSign(target.secret, seconds) } : {};
      return {
        url: target.url,
        headers: {},
        body: JSON.stringify({ ...signature, msg_type: 'post', content: { post: { zh_cn: { title: notice.title, content: rows } } } }),
      };
    }
  }
}

/** Rate-limit answers (sent too fast) worth another try: DingTalk 130101, WeCom 45009, Feishu 9499/11232. */
const RETRYABLE_ROBOT_CODES = new Set([130101, 45009, 9499, 11232]);

/**
 * The robots answer HTTP 200 with their own code: `errcode` (WeCom, DingTalk) or `code` /
 * `StatusCode` (Feishu); 0 is success.
 */
export function robotAnswerCode(answer: string): number | null {
  try {
    const parsed = JSON.parse(answer) as Record<string, unknown>;
    const code = parsed.errcode ?? parsed.code ?? parsed.StatusCode;
    return typeof code === 'number' ? code : null;
  } catch {
    return null;
  }
}

export const isRetryableRobotCode = (code: number) => RETRYABLE_ROBOT_CODES.has(code);
