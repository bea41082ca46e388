import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Checkbox, Input, Selector, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_SEVERITIES,
  COMPLAINT_SEVERITY_LABELS,
  type ComplaintCategory,
  type ComplaintSeverity,
} from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { PhotoCapture } from '../../shared/photos/photo-capture';
import { useStaffSite } from '../../shared/site/staff-site';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubmitButton } from '../../shared/ui-mobile/submit-button';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { usePosts } from '../posts/use-posts';
import { newId } from '../../shared/offline/new-id';
import { complaintsApi, uploadPhotos, useComplaintMutation } from './complaints-api';
import styles from './complaints.mobile.module.css';

const MAX_PHOTOS = 6;
const MOBILE = /^1[3-9][0-9]{9}$/;

/** 登记投诉 from a staff phone: who (if they say), what happened, where, how bad, photos. */
export function FileComplaintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <SubPage title={t('complaints.phone.newTitle')} roomBelow>
      {site ? (
        <ComplaintForm siteId={site.id} myPostIds={site.posts.map((p) => p.id)} onFiled={() => void navigate('/complaints', { replace: true })} />
      ) : (
        <PhoneState status="empty" title={t('mobile.noSites')} />
      )}
    </SubPage>
  );
}

function ComplaintForm({ siteId, myPostIds, onFiled }: { siteId: string; myPostIds: string[]; onFiled: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = (x: { zh: string; en: string }) => (locale === 'en-US' ? x.en : x.zh);
  const posts = usePosts(siteId);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [category, setCategory] = useState<ComplaintCategory | null>(null);
  const [severity, setSeverity] = useState<ComplaintSeverity>('normal');
  const [description, setDescription] = useState('');
  // The post the filer stands on is the usual one concerned: offered first.
  const [postId, setPostId] = useState<string | null>(myPostIds[0] ?? null);
  const [photos, setPhotos] = useState<{ id: string; blob: Blob }[]>([]);
  const [tried, setTried] = useState(false);

  const send = useComplaintMutation(siteId, async () =>
    complaintsApi.file(siteId, {
      via: 'staff',
      complainantName: name.trim() || undefined,
      complainantPhone: phone.trim() || undefined,
      phoneConsent: phone.trim() ? consent : undefined,
      category: category!,
      severity,
      description: description.trim(),
      postId: postId ?? undefined,
      photoIds: photos.length ? await uploadPhotos(siteId, photos) : undefined,
    }),
  );

  const phoneProblem =
    phone.trim() && !MOBILE.test(phone.trim())
      ? t('errors.VALIDATION_FAILED')
      : phone.trim() && !consent
        ? t('errors.COMPLAINT_PHONE_CONSENT_REQUIRED')
        : null;
  const submit = () => {
    setTried(true);
    if (!category || !description.trim() || phoneProblem) {
      Toast.show({ content: phoneProblem ?? t('complaints.form.required') });
      return;
    }
    send.mutate(undefined, {
      onSuccess: (c) => {
        Toast.show({ icon: 'success', content: t('complaints.phone.filed', { number: c.number }) });
        onFiled();
      },
    });
  };
  const postOptions = [...(posts.data ?? [])].sort((a, b) => Number(myPostIds.includes(b.id)) - Number(myPostIds.includes(a.id)));

  return (
    <div className={styles.body} data-testid="complaint-form">
      <div className={styles.card}>
        <div className={styles.cardTitle}>{t('complaints.form.category')}</div>
        <Selector
          columns={3}
          options={COMPLAINT_CATEGORIES.map((c) => ({ label: label(COMPLAINT_CATEGORY_LABELS[c]), value: c }))}
          value={category ? [category] : []}
          onChange={(v) => setCategory(v[0] ?? null)}
        />
        {tried && !category ? <div className={styles.danger}>{t('complaints.form.required')}</div> : null}
        <div className={styles.cardTitle}>{t('complaints.form.severity')}</div>
        <Selector
          columns={3}
          options={COMPLAINT_SEVERITIES.map((s) => ({ label: label(COMPLAINT_SEVERITY_LABELS[s]), value: s }))}
          value={[severity]}
          onChange={(v) => v[0] && setSeverity(v[0])}
        />
      </div>
      <div className={styles.card}>
        <div className={styles.cardTitle}>{t('complaints.form.description')}</div>
        <div className={styles.field}>
          <TextArea
            value={description}
            onChange={setDescription}
            rows={4}
            maxLength={2000}
            showCount
            placeholder={t('complaints.form.descriptionPlaceholder')}
            data-testid="complaint-description"
          />
        </div>
        {tried && !description.trim() ? <div className={styles.danger}>{t('complaints.form.required')}</div> : null}
      </div>
      {postOptions.length ? (
        <div className={styles.card}>
          <div className={styles.cardTitle}>{t('complaints.form.post')}</div>
          <Selector
            columns={2}
            options={[{ label: t('complaints.form.noPost'), value: '' }, ...postOptions.map((p) => ({ label: p.name, value: p.id }))]}
            value={[postId ?? '']}
            onChange={(v) => setPostId(v[0] ? v[0] : null)}
          />
        </div>
      ) : null}
      <div className={styles.card}>
        <div className={styles.field}>
          <Input
            value={name}
            onChange={setName}
            maxLength={40}
            placeholder={t('complaints.form.complainantName')}
            aria-label={t('complaints.form.complainantName')}
          />
        </div>
        <div className={styles.field}>
          <Input
            value={phone}
            onChange={setPhone}
            type="tel"
            maxLength={11}
            placeholder={t('complaints.form.complainantPhone')}
            aria-label={t('complaints.form.complainantPhone')}
            data-testid="complaint-phone"
          />
        </div>
        {phone.trim() ? (
          <Checkbox checked={consent} onChange={setConsent} data-testid="complaint-consent">
            {t('complaints.form.phoneConsent')}
          </Checkbox>
        ) : null}
        {tried && phoneProblem ? <div className={styles.danger}>{phoneProblem}</div> : null}
      </div>
      <div className={styles.card}>
        <div className={styles.cardTitle}>{t('complaints.form.photos')}</div>
        <div className={styles.photos}>
          {photos.map((p) => (
            <PhotoCapture
              key={p.id}
              photo={p.blob}
              photoKey={p.id}
              size="small"
              onChange={(blob) =>
                setPhotos((all) => (blob ? all.map((x) => (x.id === p.id ? { ...x, blob } : x)) : all.filter((x) => x.id !== p.id)))
              }
            />
          ))}
          {photos.length < MAX_PHOTOS ? (
            <PhotoCapture
              photo={null}
              photoKey={null}
              size="small"
              label={t('complaints.photos')}
              inputTestId="complaint-photo"
              onChange={(blob) => blob && setPhotos((all) => [...all, { id: newId(), blob }])}
            />
          ) : null}
        </div>
      </div>
      <SubmitButton error={send.isError ? describeError(send.error) : null} loading={send.isPending} onSubmit={submit} testId="complaint-submit">
        {t('complaints.form.submit')}
      </SubmitButton>
    </div>
  );
}
