import type { ReactNode } from 'react';
import { RightOutline } from 'antd-mobile-icons';
import styles from './home-link-card.module.css';

/** A card on the staff home page that opens one of the person's lists: icon, title, a count, one line of what is next. */
export function HomeLinkCard(props: { icon: ReactNode; title: string; meta?: string | null; hint: string; onOpen: () => void; testId: string }) {
  return (
    <button type="button" className={styles.card} onClick={props.onOpen} data-testid={props.testId}>
      <span className={styles.icon}>{props.icon}</span>
      <span className={styles.text}>
        <span className={styles.title}>
          {props.title}
          {props.meta ? <span className={styles.meta}> · {props.meta}</span> : null}
        </span>
        <span className={styles.hint}>{props.hint}</span>
      </span>
      <RightOutline color="#a3a9b3" />
    </button>
  );
}
