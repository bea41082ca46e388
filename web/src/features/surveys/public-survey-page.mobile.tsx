import { useState } from 'react';
import { Button, Checkbox, Input, TextArea } from 'antd-mobile';
import { CheckCircleFill, SmileFill, StarFill } from 'antd-mobile-icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PublicSurvey } from '@anchang/contracts';
import { setLocale, useLocale } from '../../i18n';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { ComplaintEntry, PublicComplaint } from './public-complaint.mobile';
import { deviceId } from './survey-device';
import { surveysApi } from './surveys-api';
import styles from './survey.mobile.module.css';

const COMMENT_MAX = 500;
const RATING_WORDS = ['r1', 'r2', 'r3', 'r4', 'r5'] as const;

/**
 * What a survey QR opens (`/m/q/s/:token`), for anyone and without login, in WeChat's browser:
 * a 1–5 rating for each post listed (those the visit passed through, or the poster's), an NPS,
 * a comment and a phone number for a call back with explicit consent. No staff or visitor data.
 */
export function PublicSurveyPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const view = useQuery({ queryKey: ['public-survey', token], queryFn: () => surveysApi.publicSurvey(token), retry: false });
  const [sent, setSent] = useState(false);
  // The complaint form replaces the survey in the page; going back keeps what was typed in the survey.
  const [complaining, setComplaining] = useState(false);

  let content = null;
  if (view.isPending) content = <MobileSpinner />;
  else if (view.isError) {
    const revoked = isApiError(view.error, 'SURVEY_REVOKED');
    const unknown = isApiError(view.error, 'SURVEY_NOT_FOUND') || isApiError(view.error, 'VALIDATION_FAILED');
    content = (
      <PhoneState
        status={revoked || unknown ? 'empty' : 'disconnected'}
        title={revoked ? t('surveys.public.revokedTitle') : unknown ? t('surveys.public.unknownTitle') : t('common.loadFailed')}
        description={unknown ? t('surveys.public.unknownBody') : describeError(view.error)}
      />
    );
  } else if (complaining) content = <PublicComplaint token={token} onBack={() => setComplaining(false)} />;
  else if (sent) content = <Done kind="thanks" />;
  else if (view.data.isAnswered) content = <Done kind="answered" />;
  const survey = view.data && !view.isError && !sent && !view.data.isAnswered;
  const entry = view.data && !view.isError && !complaining ? <ComplaintEntry onOpen={() => setComplaining(true)} /> : null;

  return (
    <div className={styles.screen} data-testid="survey-page">
      <Hero survey={view.data} complaining={complaining} />
      <div className={styles.body}>
        {/* The survey stays mounted (hidden) while the complaint form is open, so nothing typed is lost. */}
        {survey ? (
          <div className={styles.stack} hidden={complaining}>
            <SurveyForm token={token} survey={view.data} onSent={() => setSent(true)} />
          </div>
        ) : null}
        {content}
        {entry}
      </div>
      <div className={styles.footer}>{complaining ? t('surveys.public.complaint.privacy') : t('surveys.public.privacy')}</div>
    </div>
  );
}

function Hero({ survey, complaining }: { survey: PublicSurvey | undefined; complaining: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className={styles.hero}>
      <div className={styles.site}>
        {survey ? [survey.siteName, survey.placeName].filter((part, i, all) => part && all.indexOf(part) === i).join(' · ') : '\u00a0'}
      </div>
      <h1 className={styles.title}>{complaining ? t('surveys.public.complaint.title') : t('surveys.public.title')}</h1>
      <div className={styles.intro}>
        {complaining
          ? t('surveys.public.complaint.intro')
          : survey?.source === 'poster'
            ? t('surveys.public.introPoster')
            : t('surveys.public.intro')}
      </div>
      <button
        type="button"
        className={styles.lang}
        onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
        lang={locale === 'zh-CN' ? 'en' : 'zh'}
        data-testid="survey-language"
      >
        {t('surveys.public.language')}
      </button>
    </div>
  );
}

function Done({ kind }: { kind: 'thanks' | 'answered' }) {
  const { t } = useTranslation();
  return (
    <div className={`${styles.card} ${styles.done}`} data-testid={kind === 'thanks' ? 'survey-thanks' : 'survey-answered'} role="status">
      {kind === 'thanks' ? <CheckCircleFill className={styles.doneIcon} /> : <SmileFill className={styles.doneIcon} />}
      <div className={styles.doneTitle}>{kind === 'thanks' ? t('surveys.public.thanksTitle') : t('surveys.public.answeredTitle')}</div>
      <div className={styles.muted}>{kind === 'thanks' ? t('surveys.public.thanksBody') : t('surveys.public.answeredBody')}</div>
    </div>
  );
}

/**
 * Five star buttons: plain buttons (a tap, a click or the keyboard), each a 36 × 40 px target, where
 * the library's gesture-driven rating ignored a mouse click on touch-capable browsers.
 */
function Stars({ label, value, onChange }: { label: string; value: number; onChange: (value: number) => void }) {
  return (
    <div className={styles.stars} role="radiogroup" aria-label={label}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={value === n}
          aria-label={`${n}`}
          className={`${styles.star} ${n <= value ? styles.starOn : ''}`}
          onClick={() => onChange(n)}
          data-testid={`survey-star-${n}`}
        >
          <StarFill />
        </button>
      ))}
    </div>
  );
}

function SurveyForm({ token, survey, onSent }: { token: string; survey: PublicSurvey; onSent: () => void }) {
  const { t } = useTranslation();
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [nps, setNps] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const [tried, setTried] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      surveysApi.answer(token, {
        ratings: Object.entries(ratings)
          .filter(([, rating]) => rating > 0)
          .map(([postId, rating]) => ({ postId, rating })),
        nps: nps ?? -1,
        comment: comment.trim() || undefined,
        phone: phone.trim() || undefined,
        phoneConsent: phone.trim() ? consent : undefined,
        deviceId: deviceId(),
        website: website || undefined,
      }),
    onSuccess: onSent,
  });
  const needsConsent = phone.trim() !== '' && !consent;
  const submit = () => {
    setTried(true);
    if (nps === null || needsConsent) return;
    send.mutate();
  };

  return (
    <>
      {survey.posts.length > 0 ? (
        <section className={styles.card} aria-labelledby="survey-posts">
          <h2 className={styles.cardTitle} id="survey-posts">
            {t('surveys.public.rateTitle')}
          </h2>
          <div className={styles.muted}>{t('surveys.public.rateHint')}</div>
          {survey.posts.map((p) => (
            <div key={p.postId} className={styles.postRow} data-testid="survey-post" data-post-id={p.postId}>
              <span className={styles.postName}>{p.name}</span>
              <div>
                <Stars label={p.name} value={ratings[p.postId] ?? 0} onChange={(value) => setRatings((r) => ({ ...r, [p.postId]: value }))} />
                <div className={styles.ratingWord}>
                  {ratings[p.postId] ? t(`surveys.public.ratingLabels.${RATING_WORDS[ratings[p.postId]! - 1]!}`) : ''}
                </div>
              </div>
            </div>
          ))}
        </section>
      ) : null}

      <section className={styles.card} aria-labelledby="survey-nps">
        <h2 className={styles.cardTitle} id="survey-nps">
          {t('surveys.public.npsTitle')}
        </h2>
        <div className={styles.npsGrid} role="radiogroup" aria-labelledby="survey-nps">
          {Array.from({ length: 11 }, (_, score) => (
            <button
              key={score}
              type="button"
              role="radio"
              aria-checked={nps === score}
              className={`${styles.npsButton} ${nps === score ? styles.npsSelected : ''}`}
              onClick={() => setNps(score)}
              data-testid={`survey-nps-${score}`}
            >
              {score}
            </button>
          ))}
        </div>
        <div className={styles.npsEnds}>
          <span>0 {t('surveys.public.npsLow')}</span>
          <span>10 {t('surveys.public.npsHigh')}</span>
        </div>
        {tried && nps === null ? (
          <div className={styles.error} role="alert" style={{ marginTop: 8 }}>
            {t('surveys.public.npsNeeded')}
          </div>
        ) : null}
      </section>

      <section className={styles.card}>
        <label className={styles.cardTitle} htmlFor="survey-comment">
          {t('surveys.public.comment')}
        </label>
        <div className={styles.field}>
          <TextArea
            id="survey-comment"
            value={comment}
            onChange={setComment}
            placeholder={t('surveys.public.commentPlaceholder')}
            rows={3}
            maxLength={COMMENT_MAX}
            showCount
            data-testid="survey-comment"
          />
        </div>
        <label className={styles.cardTitle} htmlFor="survey-phone" style={{ display: 'block', marginTop: 16 }}>
          {t('surveys.public.phone')}
        </label>
        <div className={styles.field}>
          <Input
            id="survey-phone"
            type="tel"
            inputMode="tel"
            value={phone}
            onChange={setPhone}
            placeholder={t('surveys.public.phonePlaceholder')}
            maxLength={20}
          />
        </div>
        {phone.trim() ? (
          <div className={styles.consent}>
            <Checkbox checked={consent} onChange={setConsent} data-testid="survey-consent">
              <span style={{ fontSize: 13 }}>{t('surveys.public.consent')}</span>
            </Checkbox>
            {tried && needsConsent ? (
              <div className={styles.error} role="alert">
                {t('surveys.public.consentNeeded')}
              </div>
            ) : null}
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
        <div className={styles.error} role="alert">
          {isApiError(send.error, 'SURVEY_RATE_LIMITED') ? t('surveys.public.rateLimited') : describeError(send.error)}
        </div>
      ) : null}
      <Button block color="primary" size="large" loading={send.isPending} onClick={submit} data-testid="survey-submit">
        {t('surveys.public.submit')}
      </Button>
    </>
  );
}
