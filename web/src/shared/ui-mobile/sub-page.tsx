import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { NavBar } from 'antd-mobile';
import styles from './sub-page.module.css';

/**
 * The frame of a staff-app page opened from another one (a home card, a list): its title in a bar
 * that stays on top, and the way back. Many feature pages still carry their own copy of these
 * styles (`.page` / `.navBar`); they belong here.
 */
export function SubPage({ title, children }: { title: ReactNode; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <div className={styles.page}>
      <NavBar className={styles.navBar} onBack={() => void navigate(-1)}>
        {title}
      </NavBar>
      {children}
    </div>
  );
}
