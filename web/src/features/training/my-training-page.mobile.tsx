import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Popup, Tag, Toast } from 'antd-mobile';
import { CloseOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite, MyTrainingSession } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubmitButton } from '../../shared/ui-mobile/submit-button';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { promptIn, useMySessions, useTrainingMutation } from './use-training';
import { trainingApi } from './training-api';
import { photosApi } from '../../shared/api/photos';
import styles from './training.mobile.module.css';

/** 我的培训: the sessions I am invited to; confirm I attended, take the quiz, see the result. */
export function MyTrainingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <SubPage title={t('training.phone.title')} onBack={() => void navigate('/')} roomBelow>
      {site ? <MySessions site={site} /> : <PhoneState status="empty" title={t('mobile.noSites')} />}
    </SubPage>
  );
}

function MySessions({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const mine = useMySessions(site.id);
  const [quizOf, setQuizOf] = useState<MyTrainingSession | null>(null);
  if (mine.isPending) return <MobileSpinner />;
  if (mine.isError)
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(mine.error)}>
        <a onClick={() => void mine.refetch()}>{t('common.retry')}</a>
      </PhoneState>
    );
  const sessions = mine.data.pages.flatMap((p) => p.items);
  return (
    <PhonePullToRefresh onRefresh={() => mine.refetch()}>
      <div className={styles.body} data-testid="my-training">
        {!sessions.length ? <PhoneState status="empty" title={t('training.phone.empty')} /> : null}
        {sessions.map((s) => (
          <SessionCard key={s.id} site={site} session={s} onQuiz={() => setQuizOf(s)} />
        ))}
        {mine.hasNextPage ? (
          <Button className={styles.action} onClick={() => void mine.fetchNextPage()} loading={mine.isFetchingNextPage}>
            {t('training.sessions.loadMore')}
          </Button>
        ) : null}
      </div>
      <Popup
        visible={!!quizOf}
        onMaskClick={() => setQuizOf(null)}
        position="bottom"
        bodyStyle={{ height: '92vh', overflowY: 'auto', background: '#f5f6f8' }}
        destroyOnClose
      >
        {quizOf ? <Quiz site={site} session={quizOf} onClose={() => setQuizOf(null)} /> : null}
      </Popup>
    </PhonePullToRefresh>
  );
}

function SessionCard({ site, session: s, onQuiz }: { site: MeSite; session: MyTrainingSession; onQuiz: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const confirm = useTrainingMutation(site.id, () => trainingApi.confirm(site.id, s.id));
  const onConfirm = () =>
    confirm.mutateAsync(undefined).then(
      () => Toast.show({ icon: 'success', content: t('training.phone.confirmed') }),
      (e: unknown) => Toast.show({ icon: 'fail', content: describeError(e) }),
    );
  return (
    <Card className={styles.card} data-testid="training-session">
      <div className={styles.head}>
        <Tag color={s.kind === 'pre_job' ? 'warning' : 'primary'} fill="outline">
          {t(`training.kinds.${s.kind}`)}
        </Tag>
        <span className={styles.title}>{locale === 'zh-CN' ? s.courseNameZh : s.courseNameEn}</span>
      </div>
      <p className={styles.muted}>
        {s.date} · {t('training.sessions.trainer')} {s.trainerName}
      </p>
      {s.material ? <div className={styles.material}>{s.material}</div> : null}
      {s.photoIds.length ? (
        <div className={styles.photos}>
          {s.photoIds.map((id) => (
            <img key={id} className={styles.photo} src={photosApi.url(site.id, id)} alt={t('training.phone.material')} loading="lazy" />
          ))}
        </div>
      ) : null}
      {s.result ? (
        <div className={`${styles.result} ${s.result.passed ? styles.passed : styles.failed}`} data-testid="quiz-result">
          {s.result.passed ? t('training.phone.passed') : t('training.phone.failed')} · {t('training.phone.result', s.result)}
        </div>
      ) : null}
      <div className={styles.actions}>
        {s.confirmedAt ? (
          <Tag color="success" fill="outline" style={{ alignSelf: 'flex-start' }}>
            {t('training.phone.confirmed')} · {formatLocal(s.confirmedAt, site.timeZone, 'MM-DD HH:mm')}
          </Tag>
        ) : (
          <Button
            color="primary"
            className={styles.action}
            loading={confirm.isPending}
            onClick={() => void onConfirm()}
            data-testid="training-confirm"
          >
            {t('training.phone.confirm')}
          </Button>
        )}
        {s.confirmedAt && s.hasQuiz && !s.result ? (
          <Button color="primary" fill="outline" className={styles.action} onClick={onQuiz} data-testid="training-take-quiz">
            {t('training.phone.takeQuiz')}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}

function Quiz({ site, session, onClose }: { site: MeSite; session: MyTrainingSession; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [answers, setAnswers] = useState<(number | null)[]>(() => session.questions.map(() => null));
  const [error, setError] = useState<string | null>(null);
  const submit = useTrainingMutation(site.id, (chosen: number[]) => trainingApi.submitQuiz(site.id, session.id, chosen));
  const missing = answers.filter((a) => a === null).length;
  const onSubmit = () => {
    if (missing > 0) {
      setError(t('training.phone.answerAll', { count: missing }));
      return;
    }
    setError(null);
    submit.mutateAsync(answers as number[]).then(
      (r) => {
        Toast.show({
          icon: r.passed ? 'success' : 'fail',
          content: t('training.phone.toastScore', { verdict: r.passed ? t('training.phone.passed') : t('training.phone.failed'), score: r.score }),
        });
        onClose();
      },
      (e: unknown) => setError(describeError(e)),
    );
  };
  return (
    <div className={styles.body} data-testid="quiz">
      <div className={styles.quizHead}>
        <div className={styles.title}>{t('training.phone.quizTitle', { mark: session.passMark ?? 0 })}</div>
        <button type="button" className={styles.close} onClick={onClose} aria-label={t('common.close')}>
          <CloseOutline fontSize={20} />
        </button>
      </div>
      {session.questions.map((q, qi) => (
        <Card key={q.id} className={styles.question}>
          <div className={styles.prompt}>
            {qi + 1}. {promptIn(q, locale)}
          </div>
          <div role="radiogroup" aria-label={promptIn(q, locale)}>
            {q.choices.map((c, ci) => (
              <button
                key={ci}
                type="button"
                role="radio"
                aria-checked={answers[qi] === ci}
                className={answers[qi] === ci ? `${styles.choice} ${styles.choiceOn}` : styles.choice}
                onClick={() => setAnswers((prev) => prev.map((a, i) => (i === qi ? ci : a)))}
                data-testid="quiz-choice"
              >
                <span className={styles.choiceIndex}>{String.fromCharCode(65 + ci)}</span>
                {c}
              </button>
            ))}
          </div>
        </Card>
      ))}
      <SubmitButton error={error} errorTestId="quiz-error" loading={submit.isPending} onSubmit={onSubmit} testId="quiz-submit">
        {t('training.phone.submit')}
      </SubmitButton>
    </div>
  );
}
