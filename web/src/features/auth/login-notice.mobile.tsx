import { NoticeBar, type NoticeBarProps } from 'antd-mobile';

/** The login page's notice, in its own chunk: shown only after a failed attempt or on a new instance. */
export function LoginNotice(props: NoticeBarProps) {
  return <NoticeBar {...props} />;
}
