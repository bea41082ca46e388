import { useState } from 'react';
import { Button, Checkbox, Input, TextArea } from 'antd-mobile';
import { CheckCircleFill, ExclamationCircleOutline, RightOutline } from 'antd-mobile-icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, type ComplaintCategory, type PublicComplaintReceipt } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { deviceId } from './survey-device';
import { surveysApi } from './surveys-api';
import styles from './survey.mobile.module.css';

const DESCRIPTION_MAX = 1000;
const MOBILE = /^1[3-9][0-9]{9}$/;

/** The way in from the survey page and its thank-you states: visible, but below the survey. */
export function ComplaintEntry({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className={styles.complaintEntry} onClick={onOpen} data-testid="complaint-entry">
      <ExclamationCircleOutline className={styles.complaintEntryIcon} />
      <span className={styles.complaintEntryText}>
        <span className={styles.complaintEntryTitle}>{t('surveys.public.complaint.entry')}</span>
        <span className={styles.muted} style={{ display: 'block', marginTop: 2 }}>
          {t('surveys.public.complaint.entryHint')}
        </span>
      </span>
      <RightOutline />
    </button>
  );
}

/**
 * A visitor's complaint from the QR page: what it is about, what happened, and optionally a name
 * and a phone number with consent to be called back. The token says which site and visit or post;
 * the reply is only a reference number and how soon the site answers.
 */
export function PublicComplaint({ token, onBack }: { token: string; onBack: () => void }) {
  const [filed, setFiled] = useState<{ receipt: PublicComplaintReceipt; withPhone: boolean } | null>(null);
  return filed ? (
    <ComplaintDone receipt={filed.receipt} withPhone={filed.withPhone} onBack={onBack} />
  ) : (
    <ComplaintForm token={token} onBack={onBack} onFiled={(receipt, withPhone) => setFiled({ receipt, withPhone })} />
  );
}

function ComplaintForm({
  token,
  onBack,
  onFiled,
}: {
  token: string;
  onBack: () => void;
  onFiled: (r: PublicComplaintReceipt, withPhone: boolean) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [category, setCategory] = useState<ComplaintCategory | null>(null);
  const [description, setDescription] = useState('');
  const [isUrgent, setIsUrgent] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const [tried, setTried] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      surveysApi.complain(token, {
        category: category!,
        description: description.trim(),
        isUrgent: isUrgent || undefined,
        name: name.trim() || undefined,
        phone: phone.trim() || undefined,
        phoneConsent: phone.trim() ? consent : undefined,
        deviceId: deviceId(),
        website: website || undefined,
      }),
    onSuccess: (receipt) => onFiled(receipt, phone.trim() !== ''),
  });
  const phoneInvalid = phone.trim() !== '' && !MOBILE.test(phone.trim());
  const needsConsent = phone.trim() !== '' && !consent;
  const submit = () => {
    setTried(true);
    if (!category || !description.trim() || phoneInvalid || needsConsent) return;
    send.mutate();
  };
  const hint = (show: boolean, text: string) =>
    show ? (
      <div className={styles.error} role="alert" style={{ marginTop: 6 }}>
        {text}
      </div>
    ) : null;

  return (
    <>
      <button type="button" className={styles.backLink} onClick={onBack} data-testid="complaint-back">
        ‹ {t('surveys.public.complaint.back')}
      </button>
      <section className={styles.card} aria-labelledby="complaint-category" data-testid="complaint-form">
        <div className={styles.cardTitle} id="complaint-category">
          {t('surveys.public.complaint.category')}
        </div>
        <div className={styles.categories} role="radiogroup" aria-labelledby="complaint-category">
          {COMPLAINT_CATEGORIES.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={category === c}
              className={`${styles.category} ${category === c ? styles.categorySelected : ''}`}
              onClick={() => setCategory(c)}
              data-testid={`complaint-category-${c}`}
            >
              {locale === 'en-US' ? COMPLAINT_CATEGORY_LABELS[c].en : COMPLAINT_CATEGORY_LABELS[c].zh}
            </button>
          ))}
        </div>
        {hint(tried && !category, t('surveys.public.complaint.categoryNeeded'))}

        <label className={styles.fieldLabel} htmlFor="complaint-description">
          {t('surveys.public.complaint.description')}
        </label>
        <div className={styles.field}>
          <TextArea
            id="complaint-description"
            value={description}
            onChange={setDescription}
            placeholder={t('surveys.public.complaint.descriptionPlaceholder')}
            rows={4}
            maxLength={DESCRIPTION_MAX}
            showCount
            data-testid="complaint-description"
          />
        </div>
        {hint(tried && !description.trim(), t('surveys.public.complaint.descriptionNeeded'))}
        <div className={styles.consent}>
          <Checkbox checked={isUrgent} onChange={setIsUrgent} data-testid="complaint-urgent">
            <span style={{ fontSize: 14 }}>{t('surveys.public.complaint.urgent')}</span>
          </Checkbox>
        </div>

        <label className={styles.fieldLabel} htmlFor="complaint-name">
          {t('surveys.public.complaint.name')}
        </label>
        <div className={styles.field}>
          <Input id="complaint-name" value={name} onChange={setName} placeholder={t('surveys.public.complaint.namePlaceholder')} maxLength={40} />
        </div>
        <label className={styles.fieldLabel} htmlFor="complaint-phone">
          {t('surveys.public.complaint.phone')}
        </label>
        <div className={styles.field}>
          <Input
            id="complaint-phone"
            type="tel"
            inputMode="tel"
            value={phone}
            onChange={setPhone}
            placeholder={t('surveys.public.complaint.phonePlaceholder')}
            maxLength={11}
            data-testid="complaint-phone"
          />
        </div>
        {hint(tried && phoneInvalid, t('surveys.public.complaint.phoneInvalid'))}
        {phone.trim() ? (
          <div className={styles.consent}>
            <Checkbox checked={consent} onChange={setConsent} data-testid="complaint-consent">
              <span style={{ fontSize: 13 }}>{t('surveys.public.complaint.consent')}</span>
            </Checkbox>
            {hint(tried && needsConsent, t('surveys.public.complaint.consentNeeded'))}
          </div>
        ) : null}
        <div className={styles.honeypot} aria-hidden="true">
          <label>
            Website
            <input tabIndex={-1} autoComplete="off" name="website" value={website} onChange={(e) => setWebsite(e.target.value)} />
          </label>
        </div>
      </section>

      {send.isError ? (
        <div className={styles.error} role="alert" data-testid="complaint-error">
          {isApiError(send.error, 'SURVEY_RATE_LIMITED') ? t('surveys.public.complaint.rateLimited') : describeError(send.error)}
        </div>
      ) : null}
      <Button block color="danger" fill="outline" size="large" loading={send.isPending} onClick={submit} data-testid="complaint-submit">
        {t('surveys.public.complaint.submit')}
      </Button>
    </>
  );
}

function ComplaintDone({ receipt, withPhone, onBack }: { receipt: PublicComplaintReceipt; withPhone: boolean; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={`${styles.card} ${styles.done}`} data-testid="complaint-done" role="status">
      <CheckCircleFill className={styles.doneIcon} />
      <div className={styles.doneTitle}>{t('surveys.public.complaint.doneTitle')}</div>
      {receipt.number !== null ? (
        <>
          <div className={styles.reference}>{t('surveys.public.complaint.reference')}</div>
          <div className={styles.referenceNumber} data-testid="complaint-number">
            #{receipt.number}
          </div>
        </>
      ) : null}
      <div className={styles.muted} style={{ marginTop: 12 }}>
        {t(withPhone ? 'surveys.public.complaint.callBack' : 'surveys.public.complaint.handleWithin', { hours: receipt.answerWithinHours })}
      </div>
      <div className={styles.muted}>{t('surveys.public.complaint.quote')}</div>
      <button type="button" className={styles.backLink} style={{ marginTop: 16, alignSelf: 'center' }} onClick={onBack}>
        ‹ {t('surveys.public.complaint.back')}
      </button>
    </div>
  );
}
