import { ErrorBlock, type ErrorBlockProps } from 'antd-mobile';

/**
 * The phone's empty, failed and offline block: antd-mobile's ErrorBlock with only the words we
 * give it. Left to itself the library fills a missing title or description with its own stock
 * lines ("找找其他的吧", "动动手指帮忙修复"), which say nothing about our screens.
 */
export function PhoneState({ description = null, ...props }: ErrorBlockProps) {
  return <ErrorBlock {...props} description={description} />;
}
