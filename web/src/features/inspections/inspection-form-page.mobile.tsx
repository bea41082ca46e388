import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Dialog, Switch, Tag, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { InspectionForm, InspectionFormItem } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { PhotoCapture } from '../../shared/photos/photo-capture';
import { useStaffSite } from '../../shared/site/staff-site';
import { LabelledStepper } from '../../shared/ui-mobile/labelled-stepper';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubmitButton } from '../../shared/ui-mobile/submit-button';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { newId } from '../../shared/offline/new-id';
import { inspectionsApi, uploadPhotoIfAny, useInspectionForm, useInspectionMutation } from './inspections-api';
import styles from './inspections.mobile.module.css';

interface Answer {
  passed: boolean;
  deduction: number;
  note: string;
  photo: { id: string; blob: Blob } | null;
}

/**
 * The inspection form on the phone: who is inspected (from today's shifts and roster), every item
 * of the post's standard and the behaviour norms, pass by default; a failed item takes a deduction
 * from 1 to its points, a note and a photo. Submitted once: the id is made when the form opens,
 * so a resend after a lost answer is the same inspection.
 */
export function InspectionFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { postId = '' } = useParams();
  const { site } = useStaffSite();
  const form = useInspectionForm(site?.id ?? '', postId);
  return (
    <SubPage
      title={form.data ? t('inspections.phone.formTitle', { post: form.data.postName }) : t('inspections.phone.title')}
      onBack={() => void navigate('/inspect')}
      roomBelow
    >
      {form.isPending ? <MobileSpinner /> : null}
      {form.isError ? <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(form.error)} /> : null}
      {form.data && site ? <Form form={form.data} siteId={site.id} /> : null}
    </SubPage>
  );
}

function Form({ form, siteId }: { form: InspectionForm; siteId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [id] = useState(() => newId());
  const [personId, setPersonId] = useState<string | null>(form.onDuty.length === 1 ? form.onDuty[0]!.personId : null);
  const [isMystery, setMystery] = useState(false);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const answerOf = (itemId: string): Answer => answers[itemId] ?? { passed: true, deduction: 0, note: '', photo: null };
  const setAnswer = (itemId: string, patch: Partial<Answer>) => setAnswers((a) => ({ ...a, [itemId]: { ...answerOf(itemId), ...patch } }));
  const failed = form.items.filter((i) => !answerOf(i.itemId).passed);
  const points = failed.reduce((n, i) => n + answerOf(i.itemId).deduction, 0);

  const submit = useInspectionMutation(siteId, async () => {
    const items = [];
    for (const item of form.items) {
      const a = answerOf(item.itemId);
      items.push(
        a.passed
          ? { itemId: item.itemId, passed: true }
          : {
              itemId: item.itemId,
              passed: false,
              deduction: a.deduction,
              ...(a.note.trim() ? { note: a.note.trim() } : {}),
              ...(a.photo ? { photoId: await uploadPhotoIfAny(siteId, a.photo) } : {}),
            },
      );
    }
    return inspectionsApi.submit(siteId, { id, postId: form.postId, personId: personId!, isMystery, items });
  });
  const onSubmit = () =>
    void Dialog.confirm({ content: t('inspections.phone.submitConfirm'), confirmText: t('common.confirm'), cancelText: t('common.cancel') }).then(
      (ok) => {
        if (!ok) return;
        submit.mutate(undefined, {
          onSuccess: () => {
            Toast.show({ icon: 'success', content: t('inspections.phone.submitted') });
            void navigate('/inspect');
          },
        });
      },
    );

  return (
    <>
      <div className={styles.body}>
        <div className={styles.card}>
          <div className={styles.postName}>{t('inspections.phone.pickPerson')}</div>
          {form.onDuty.length === 0 ? <p className={styles.muted}>{t('inspections.phone.nobodyOnDuty')}</p> : null}
          <div className={styles.people}>
            {form.onDuty.map((p) => (
              <Button
                key={p.personId}
                className={styles.person}
                color={personId === p.personId ? 'primary' : 'default'}
                fill={personId === p.personId ? 'solid' : 'outline'}
                onClick={() => setPersonId(p.personId)}
                data-testid="inspect-person"
              >
                {p.name} · {p.onShift ? t('inspections.phone.onShift') : t('inspections.phone.rostered')}
              </Button>
            ))}
          </div>
          <div className={styles.row} style={{ marginTop: 8 }}>
            <span>
              <span>{t('inspections.mystery')}</span>
              <span className={styles.itemMeta}>{t('inspections.mysteryHint')}</span>
            </span>
            <Switch checked={isMystery} onChange={setMystery} aria-label={t('inspections.mystery')} />
          </div>
        </div>
        {form.items.map((item) => (
          <ItemCard key={item.itemId} item={item} answer={answerOf(item.itemId)} onChange={(patch) => setAnswer(item.itemId, patch)} />
        ))}
      </div>
      <div className={styles.footer}>
        <div className={styles.summary} data-testid="inspect-summary">
          {t('inspections.phone.summary', { count: form.items.length, failed: failed.length, points })}
        </div>
        <SubmitButton
          loading={submit.isPending}
          disabled={!personId}
          error={submit.isError ? describeError(submit.error) : null}
          onSubmit={onSubmit}
          testId="inspect-submit"
        >
          {t('inspections.phone.submit')}
        </SubmitButton>
      </div>
    </>
  );
}

function ItemCard({ item, answer, onChange }: { item: InspectionFormItem; answer: Answer; onChange: (patch: Partial<Answer>) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = useMemo(() => (locale === 'en-US' && item.text.en ? item.text.en : item.text.zh), [item, locale]);
  return (
    <div className={`${styles.card} ${answer.passed ? '' : styles.cardFailed}`} data-testid="inspect-item" data-item={item.itemId}>
      <div className={styles.itemText}>{text}</div>
      <div className={styles.itemMeta}>
        <Tag fill="outline" color={item.source === 'norm' ? 'primary' : 'default'}>
          {t(`inspections.source.${item.source}`)}
        </Tag>
        <span>{item.itemId}</span>
        <span>· {t('inspections.points', { points: item.points })}</span>
      </div>
      <div className={styles.verdict}>
        <Button
          color="success"
          fill={answer.passed ? 'solid' : 'outline'}
          onClick={() => onChange({ passed: true, deduction: 0 })}
          data-testid="inspect-pass"
        >
          {t('inspections.phone.pass')}
        </Button>
        <Button
          color="danger"
          fill={answer.passed ? 'outline' : 'solid'}
          onClick={() => onChange({ passed: false, deduction: answer.deduction || 1 })}
          data-testid="inspect-fail"
        >
          {t('inspections.phone.fail')}
        </Button>
      </div>
      {answer.passed ? null : (
        <div className={styles.failBox}>
          <div className={styles.row}>
            <span>{t('inspections.phone.deduction')}</span>
            <LabelledStepper
              label={t('inspections.phone.deduction')}
              min={1}
              max={item.points}
              digits={0}
              value={answer.deduction}
              onChange={(v) => onChange({ deduction: Math.min(item.points, Math.max(1, v ?? 1)) })}
              data-testid="inspect-deduction"
            />
          </div>
          <TextArea
            className={styles.textarea}
            placeholder={t('inspections.phone.notePlaceholder')}
            value={answer.note}
            onChange={(note) => onChange({ note })}
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={500}
            aria-label={t('inspections.note')}
            data-testid="inspect-note"
          />
          <PhotoCapture
            photo={answer.photo?.blob ?? null}
            photoKey={answer.photo?.id ?? null}
            onChange={(blob) => onChange({ photo: blob ? { id: newId(), blob } : null })}
            label={t('inspections.phone.addPhoto')}
            inputTestId="inspect-photo-input"
          />
        </div>
      )}
    </div>
  );
}
