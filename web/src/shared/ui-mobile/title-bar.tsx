import type { ReactNode } from 'react';

/**
 * A tab's own title bar, with no way back: antd-mobile NavBar's look (its classes) without the
 * empty, nameless role="button" NavBar leaves on the left when `back={null}`.
 */
export function TitleBar({ className, right, children }: { className?: string; right?: ReactNode; children: ReactNode }) {
  return (
    <div className={className ? `adm-nav-bar ${className}` : 'adm-nav-bar'}>
      <div className="adm-nav-bar-left" />
      <div className="adm-nav-bar-title">{children}</div>
      <div className="adm-nav-bar-right">{right}</div>
    </div>
  );
}
