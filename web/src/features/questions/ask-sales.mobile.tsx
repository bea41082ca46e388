/**
 * 问销售 on a visit card (GUARD-IN-7: 不能回答的问题引导给销售人员解答, 严禁含糊或拒绝): the customer's
 * question goes to the visit's consultant, or to every consultant when none has the guests yet.
 * The card then shows what was asked and, once it comes, the answer to pass on.
 */
import { useState } from 'react';
import { Button, Popup, TextArea, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeSite, Visit } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { startOfSiteDay } from '../consultant-home/use-consultant-home';
import { newId } from '../../shared/offline/new-id';
import { useQuestionsSince } from './use-questions';
import { questionKeys, questionsApi } from './questions-api';
import styles from './questions.mobile.module.css';

export function AskSales({ site, visit }: { site: MeSite; visit: Visit }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const dayStart = startOfSiteDay(useNow(60_000), site.timeZone);
  const questions = useQuestionsSince(site.id, dayStart);
  const asked = (questions.data ?? []).filter((q) => q.visitId === visit.id).reverse();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    if (!text.trim()) return setProblem(t('questions.textEmpty'));
    setBusy(true);
    setProblem(null);
    try {
      await questionsApi.ask(site.id, visit.id, { id: newId(), text: text.trim() });
      setText('');
      setOpen(false);
      Toast.show({
        icon: 'success',
        content: visit.consultantName ? t('questions.sentTo', { name: visit.consultantName }) : t('questions.sentToAll'),
      });
      await queryClient.invalidateQueries({ queryKey: questionKeys.root(site.id) });
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.ask} data-testid="ask-sales">
      {asked.map((q) => (
        <div key={q.id} className={styles.asked} data-testid="asked-question" data-answered={q.answer !== null}>
          <div className={styles.questionText}>{q.text ? t('questions.q', { text: q.text }) : t('questions.erased')}</div>
          {q.answer !== null ? (
            <div className={styles.answerText}>
              {t('questions.a', {
                text: q.answer,
                name: q.answeredByName ?? '',
                time: formatLocal(q.answeredAt ?? q.askedAt, site.timeZone, 'HH:mm'),
              })}
            </div>
          ) : (
            <div className={styles.pending}>{t('questions.waitingAnswer')}</div>
          )}
        </div>
      ))}
      <Button fill="outline" color="primary" className={styles.askButton} onClick={() => setOpen(true)} data-testid="ask-sales-open">
        {t('questions.ask')}
      </Button>
      <Popup visible={open} onMaskClick={() => setOpen(false)} bodyClassName={styles.sheet}>
        <div className={styles.sheetTitle}>{t('questions.askTitle')}</div>
        <p className={styles.sheetHint}>
          {visit.consultantName ? t('questions.willGoTo', { name: visit.consultantName }) : t('questions.willGoToAll')}
        </p>
        <label className={styles.fieldLabel} htmlFor={`ask-${visit.id}`}>
          {t('questions.textLabel')}
        </label>
        <TextArea
          id={`ask-${visit.id}`}
          className={styles.textArea}
          value={text}
          onChange={(v) => {
            setText(v);
            setProblem(null);
          }}
          maxLength={300}
          rows={3}
          showCount
          placeholder={t('questions.placeholder')}
          data-testid="ask-sales-text"
        />
        {problem ? (
          <div className={styles.error} role="alert">
            {problem}
          </div>
        ) : null}
        <Button block color="primary" size="large" loading={busy} onClick={() => void send()} data-testid="ask-sales-send">
          {t('questions.send')}
        </Button>
      </Popup>
    </div>
  );
}
