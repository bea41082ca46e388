import { useState } from 'react';
import { Button, Input, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PatrolRound } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { useMyPatrolRounds } from './use-patrols';
import styles from './patrols.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';

const STATUS_COLOR: Record<PatrolRound['status'], 'default' | 'primary' | 'success' | 'warning' | 'danger'> = {
  upcoming: 'default',
  in_progress: 'primary',
  done: 'success',
  done_late: 'warning',
  missed: 'danger',
};

/** A code typed or pasted: the bare code, or the whole URL the QR carries. */
export function codeFromInput(text: string): string {
  const trimmed = text.trim();
  const match = /\/q\/c\/([A-Za-z0-9_-]+)/.exec(trimmed);
  return match ? match[1]! : trimmed.replace(/[^A-Za-z0-9_-]/g, '');
}

/** 我的巡视: today's rounds of my post, the next checkpoint of each, and a code field for when the camera fails. */
export function MyPatrolsPage() {
  const { t } = useTranslation();
  const { site } = useStaffSite();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  if (!site) return <PhoneState status="empty" title={t('patrols.phone.empty')} />;
  const open = () => {
    const c = codeFromInput(code);
    if (c) void navigate(`/q/c/${c}`);
  };
  return (
    <div data-testid="my-patrols">
      <div className={styles.title}>{t('patrols.phone.title')}</div>
      <div className={styles.body}>
        <div className={styles.card}>
          <div className={styles.label}>{t('patrols.phone.codeLabel')}</div>
          <div className={styles.buttons}>
            <Input placeholder={t('patrols.phone.codePlaceholder')} value={code} onChange={setCode} onEnterPress={open} style={{ flex: 3 }} />
            <Button color="primary" size="small" disabled={!codeFromInput(code)} onClick={open}>
              {t('patrols.phone.open')}
            </Button>
          </div>
        </div>
        <Rounds siteId={site.id} timeZone={site.timeZone} />
      </div>
    </div>
  );
}

function Rounds({ siteId, timeZone }: { siteId: string; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rounds = useMyPatrolRounds(siteId);
  const hm = (at: number) => formatLocal(at, timeZone, 'HH:mm');
  if (rounds.isPending) return <MobileSpinner />;
  if (rounds.isError)
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(rounds.error)}>
        <a onClick={() => void rounds.refetch()}>{t('common.retry')}</a>
      </PhoneState>
    );
  if (!rounds.data.length) return <PhoneState status="empty" title={t('patrols.phone.empty')} description={t('patrols.phone.emptyHint')} />;
  return (
    <PhonePullToRefresh onRefresh={() => rounds.refetch()}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {rounds.data.map((r) => {
          const next = r.checks.find((c) => c.scannedAt === null);
          return (
            <div key={r.id} className={styles.card} data-testid={`my-round-${hm(r.slotStart)}`}>
              <div className={styles.row} style={{ marginTop: 0, justifyContent: 'space-between' }}>
                <span className={styles.proof} style={{ marginTop: 0 }}>
                  {hm(r.slotStart)} · {locale === 'zh-CN' ? r.routeNameZh : r.routeNameEn}
                </span>
                <Tag color={STATUS_COLOR[r.status]}>{t(`patrols.status.${r.status}`)}</Tag>
              </div>
              <div className={styles.steps}>
                {r.checks.map((c) => (
                  <span
                    key={c.position}
                    className={`${styles.step} ${c.scannedAt !== null ? (c.isLate ? styles.stepLate : styles.stepDone) : r.status === 'missed' ? styles.stepMissed : ''}`}
                  />
                ))}
              </div>
              <div className={styles.muted}>
                {next && r.status !== 'missed'
                  ? t('patrols.phone.next', { name: locale === 'zh-CN' ? next.nameZh : next.nameEn, time: hm(next.plannedAt) })
                  : r.status === 'missed'
                    ? t('patrols.status.missed')
                    : t('patrols.phone.allDone')}
              </div>
            </div>
          );
        })}
      </div>
    </PhonePullToRefresh>
  );
}
