import { useState } from 'react';
import { Button, Card, DotLoading, TextArea, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeSite, Question } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useMyOpenQuestions } from '../questions/use-questions';
import { questionKeys, questionsApi } from '../questions/questions-api';
import styles from './consultant-home.mobile.module.css';

/**
 * The questions the concierge (or any colleague) could not answer (GUARD-IN-7), waiting for me.
 * Shown only while there is one, or while they load or fail: no question, no card.
 */
export function ConsultantQuestions({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const questions = useMyOpenQuestions(site.id);
  const items = questions.data ?? [];
  if (questions.isPending)
    return (
      <Card className={styles.card} title={t('consultantHome.questions.title')}>
        <div className={styles.loading}>
          <DotLoading color="primary" /> {t('common.loading')}
        </div>
      </Card>
    );
  if (questions.isError && !questions.data)
    return (
      <Card className={styles.card} title={t('consultantHome.questions.title')}>
        <div className={styles.failed} role="alert">
          <span>{t('consultantHome.loadFailed')}</span>
          <Button size="small" fill="outline" color="primary" className={styles.retry} onClick={() => void questions.refetch()}>
            {t('consultantHome.retry')}
          </Button>
        </div>
      </Card>
    );
  if (!items.length) return null;
  return (
    <Card
      className={`${styles.card} ${styles.questionsCard}`}
      title={
        <span className={styles.cardTitle}>
          {t('consultantHome.questions.title')}
          <span className={styles.count}>{t('consultantHome.questions.count', { count: items.length })}</span>
        </span>
      }
      data-testid="consultant-questions"
    >
      {items.map((q) => (
        <OpenQuestion key={q.id} site={site} question={q} />
      ))}
    </Card>
  );
}

function OpenQuestion({ site, question }: { site: MeSite; question: Question }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const now = useNow(15_000);
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    if (!answer.trim()) return setProblem(t('consultantHome.questions.answerEmpty'));
    setBusy(true);
    setProblem(null);
    try {
      await questionsApi.answer(site.id, question.id, { text: answer.trim() });
      Toast.show({ icon: 'success', content: t('consultantHome.questions.answered', { name: question.askedByName }) });
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: questionKeys.root(site.id) });
    }
  };

  return (
    <div className={styles.question} data-testid="open-question" data-question-id={question.id}>
      {question.party ? (
        <div className={styles.muted} data-testid="question-party">
          {t('consultantHome.questions.party', {
            party: t('visits.party', { count: question.party.size }),
            plate: question.party.plateMasked ? ` · ${question.party.plateMasked}` : '',
            time: formatLocal(question.party.arrivedAt, site.timeZone, 'HH:mm'),
          })}
        </div>
      ) : null}
      <div className={styles.questionText}>{question.text || t('questions.erased')}</div>
      <div className={styles.muted}>
        {t('consultantHome.questions.askedBy', {
          name: question.askedByName,
          time: formatLocal(question.askedAt, site.timeZone, 'HH:mm'),
          count: Math.max(0, Math.floor((now - question.askedAt) / 60_000)),
        })}
      </div>
      <label className={styles.srOnly} htmlFor={`answer-${question.id}`}>
        {t('consultantHome.questions.answerLabel')}
      </label>
      <TextArea
        id={`answer-${question.id}`}
        className={styles.answerInput}
        value={answer}
        onChange={(v) => {
          setAnswer(v);
          setProblem(null);
        }}
        rows={2}
        maxLength={500}
        placeholder={t('consultantHome.questions.answerPlaceholder')}
        data-testid="answer-text"
      />
      {problem ? (
        <div className={styles.error} role="alert">
          {problem}
        </div>
      ) : null}
      <Button block color="primary" loading={busy} onClick={() => void send()} data-testid="answer-send">
        {t('consultantHome.questions.send')}
      </Button>
    </div>
  );
}
