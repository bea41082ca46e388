import { useState } from 'react';
import { Button, Dialog, Tag, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Rectification, RectificationAction } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { PhotoCapture } from '../../shared/photos/photo-capture';
import { newId } from '../../shared/offline/new-id';
import { inspectionsApi, photoUrl, uploadPhotoIfAny, useInspectionMutation } from './inspections-api';
import styles from './inspections.mobile.module.css';

const STATUS_COLORS: Record<Rectification['status'], string> = {
  to_rectify: 'warning',
  to_recheck: 'primary',
  done: 'success',
  second_rectify: 'danger',
  closed_deducted: 'default',
};

/**
 * One rectification on the phone. `as` decides what it offers: the person inspected fixes it
 * (a note, required, and a photo); the inspector re-checks it (passed, rectify again, or close
 * with the deduction kept).
 */
export function RectificationCard({
  rect,
  siteId,
  timeZone,
  as,
}: {
  rect: Rectification;
  siteId: string;
  timeZone: string;
  as: 'person' | 'inspector' | 'none';
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<{ id: string; blob: Blob } | null>(null);
  const act = useInspectionMutation(siteId, async (action: RectificationAction) =>
    inspectionsApi.move(siteId, rect.id, action, {
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(action === 'fix' ? { photoId: await uploadPhotoIfAny(siteId, photo) } : {}),
    }),
  );
  const run = (action: RectificationAction) =>
    act.mutate(action, {
      onSuccess: () => {
        setNote('');
        setPhoto(null);
        Toast.show({
          icon: 'success',
          content:
            action === 'fix'
              ? t('inspections.phone.fixed')
              : t(`inspections.status.${action === 'pass' ? 'done' : action === 'redo' ? 'second_rectify' : 'closed_deducted'}`),
        });
      },
      onError: (error) => Toast.show({ icon: 'fail', content: describeError(error) }),
    });
  const canFix = as === 'person' && (rect.status === 'to_rectify' || rect.status === 'second_rectify');
  const canDecide = as === 'inspector' && rect.status === 'to_recheck';
  const text = locale === 'en-US' && rect.itemText.en ? rect.itemText.en : rect.itemText.zh;
  return (
    <div className={`${styles.card} ${canFix || canDecide ? styles.cardFailed : ''}`} data-testid="rectification-card" data-status={rect.status}>
      <div className={styles.row}>
        <Tag color={STATUS_COLORS[rect.status]} fill="outline">
          {t(`inspections.status.${rect.status}`)}
          {rect.round > 1 ? ` · ${rect.round}` : ''}
        </Tag>
        <span className={styles.muted}>{t('inspections.minus', { points: rect.deduction })}</span>
      </div>
      <div className={styles.itemText}>{text}</div>
      <div className={styles.itemMeta}>
        <span>{rect.postName}</span>
        <span>
          · {as === 'inspector' ? rect.personName : t('inspections.phone.by', { name: rect.inspectorName ?? t('inspections.hiddenInspector') })}
        </span>
        {rect.isMystery ? <Tag fill="outline">{t('inspections.mystery')}</Tag> : null}
      </div>
      {rect.status === 'to_rectify' || rect.status === 'second_rectify' ? (
        <div className={`${styles.itemMeta} ${rect.isOverdue ? styles.overdue : ''}`}>
          {rect.isOverdue ? `${t('inspections.overdue')} · ` : ''}
          {t('inspections.phone.deadline', { time: formatLocal(rect.deadlineAt, timeZone, 'MM-DD HH:mm') })}
        </div>
      ) : null}
      {rect.failNote ? <p className={styles.muted}>{rect.failNote}</p> : null}
      {rect.failPhotoId ? <img className={styles.photo} src={photoUrl(siteId, rect.failPhotoId)} alt={t('inspections.photo')} /> : null}
      {rect.fixNote ? (
        <p className={styles.muted}>
          {t('inspections.fixNote')}:{rect.fixNote}
        </p>
      ) : null}
      {rect.fixPhotoId ? <img className={styles.photo} src={photoUrl(siteId, rect.fixPhotoId)} alt={t('inspections.fixNote')} /> : null}

      {canFix ? (
        <div className={styles.failBox}>
          <TextArea
            className={styles.textarea}
            placeholder={t('inspections.phone.fixNotePlaceholder')}
            value={note}
            onChange={setNote}
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={500}
            aria-label={t('inspections.phone.fixNotePlaceholder')}
            data-testid="rectification-fix-note"
          />
          <PhotoCapture
            photo={photo?.blob ?? null}
            photoKey={photo?.id ?? null}
            onChange={(blob) => setPhoto(blob ? { id: newId(), blob } : null)}
            label={t('inspections.phone.addPhoto')}
            inputTestId="rectification-fix-photo"
          />
          <Button color="primary" block loading={act.isPending} disabled={!note.trim()} onClick={() => run('fix')} data-testid="rectification-fix">
            {t('inspections.phone.fix')}
          </Button>
        </div>
      ) : null}

      {canDecide ? (
        <div className={styles.failBox}>
          <TextArea
            className={styles.textarea}
            placeholder={t('inspections.phone.decisionNote')}
            value={note}
            onChange={setNote}
            autoSize={{ minRows: 1, maxRows: 3 }}
            maxLength={500}
            aria-label={t('inspections.phone.decisionNote')}
          />
          <div className={styles.actions}>
            <Button color="success" loading={act.isPending} onClick={() => run('pass')} data-testid="rectification-pass">
              {t('inspections.phone.pass_')}
            </Button>
            <Button color="warning" fill="outline" disabled={act.isPending} onClick={() => run('redo')} data-testid="rectification-redo">
              {t('inspections.phone.redo')}
            </Button>
            <Button
              fill="outline"
              disabled={act.isPending}
              onClick={() =>
                void Dialog.confirm({ content: t('inspections.phone.close'), confirmText: t('common.confirm'), cancelText: t('common.cancel') }).then(
                  (ok) => ok && run('close'),
                )
              }
              data-testid="rectification-close"
            >
              {t('inspections.phone.close')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
