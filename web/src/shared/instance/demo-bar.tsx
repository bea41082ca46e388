import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useInstance } from './use-instance';
import styles from './demo-bar.module.css';

/** Height of the bar; the app shells subtract `--demo-bar-height` from their full-screen heights. */
const HEIGHT = { console: '28px', phone: '24px' } as const;

/**
 * "演示数据 / demo data" across the top of every screen while the server holds the demo company,
 * so nobody mistakes it for a real site or types real customers into it. Rendered once at the
 * root of each app, above its routes: every screen gets it, including ones added later.
 */
export function DemoBar({ variant }: { variant: keyof typeof HEIGHT }) {
  const { t } = useTranslation();
  const instance = useInstance();
  const isDemo = instance.data?.demo === true;

  useEffect(() => {
    if (!isDemo) return;
    const root = document.documentElement;
    root.style.setProperty('--demo-bar-height', HEIGHT[variant]);
    return () => void root.style.removeProperty('--demo-bar-height');
  }, [isDemo, variant]);

  if (!isDemo) return null;
  return (
    <div className={styles.bar} role="note" data-testid="demo-mark">
      <span className={styles.label}>{t('firstRun.demo.label')}</span>
      <span className={styles.hint}>{variant === 'phone' ? t('firstRun.demo.hintShort') : t('firstRun.demo.hint')}</span>
    </div>
  );
}
