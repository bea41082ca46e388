/** The message chunks web/i18n-split-plugin.ts makes from zh-CN.ts and en-US.ts. */
declare module 'virtual:i18n-messages' {
  type MessageGroup = () => Promise<{ default: Record<string, unknown> }>;
  export const loaders: Record<'zh-CN' | 'en-US', { core: MessageGroup; rest: MessageGroup }>;
}
