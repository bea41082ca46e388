import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { NavBar } from 'antd-mobile';
import styles from './sub-page.module.css';

/**
 * The frame of a staff-app page opened from another one (a home card, a list): its title in a bar
 * that stays on top, and the way back. Pages with another frame keep their own: the tabs (a title
 * bar with no way back), and the shift, handover, lost-and-found and repairs pages (another
 * ground or bar).
 */
export function SubPage({
  title,
  right,
  onBack,
  roomBelow = false,
  testId,
  children,
}: {
  title: ReactNode;
  /** The bar's right end: the connection chip, a link to the page's form. */
  right?: ReactNode;
  /** Where back goes; the page this one was opened from unless said. */
  onBack?: () => void;
  /** 24 px of ground under the content, as most pages have. */
  roomBelow?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <div className={roomBelow ? `${styles.page} ${styles.roomBelow}` : styles.page} data-testid={testId}>
      <NavBar className={styles.navBar} onBack={onBack ?? (() => void navigate(-1))} right={right}>
        {title}
      </NavBar>
      {children}
    </div>
  );
}
