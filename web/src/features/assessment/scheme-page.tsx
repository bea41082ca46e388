import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_LINES, POST_KINDS, schemeWeightProblem, type AssessmentLineKey, type PostKind, type SchemeContent } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { assessmentApi, useAssessmentScheme, useAssessmentWrite } from './assessment-api';

const RULE_KEYS = ['latePoints', 'absencePoints', 'opinionTarget', 'complaintPoints', 'overdueRectificationPoints'] as const;

/** 考核方案: the company admin edits the weights per post, the pass mark and the deduction rules; each save is a new version. */
export function AssessmentSchemePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const scheme = useAssessmentScheme(site.id);
  const [draft, setDraft] = useState<SchemeContent | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (scheme.data) setDraft(scheme.data.content);
  }, [scheme.data]);
  const save = useAssessmentWrite(site.id, (body: { content: SchemeContent; changeNote: string }) => assessmentApi.saveScheme(site.id, body));
  if (scheme.isPending) return <PageSpinner />;
  if (scheme.isError || !draft) return <ErrorAlert error={scheme.error} onRetry={() => void scheme.refetch()} />;
  const wrongPost = schemeWeightProblem(draft);
  // Everyone who assesses reads the scheme; only the company admin changes it.
  const canEdit = site.role === 'company_admin';
  const setWeight = (kind: PostKind, line: AssessmentLineKey, value: number) =>
    setDraft({ ...draft, weights: { ...draft.weights, [kind]: { ...draft.weights[kind], [line]: value } } });
  return (
    <>
      <PageHeader
        title={t('assessment.schemeTitle')}
        subtitle={`${t('assessment.schemeSubtitle')} · ${t('assessment.schemeVersion', { version: scheme.data.version })}`}
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Space wrap size="large">
            <label>
              {t('assessment.passMarkLabel')}{' '}
              <InputNumber
                disabled={!canEdit}
                min={1}
                max={100}
                value={draft.passMark}
                onChange={(v) => setDraft({ ...draft, passMark: v ?? draft.passMark })}
                data-testid="scheme-pass-mark"
              />
            </label>
            {RULE_KEYS.map((key) => (
              <label key={key}>
                {t(`assessment.rules.${key}`)}{' '}
                <InputNumber
                  disabled={!canEdit}
                  min={0}
                  max={100}
                  value={draft.rules[key]}
                  onChange={(v) => setDraft({ ...draft, rules: { ...draft.rules, [key]: v ?? 0 } })}
                />
              </label>
            ))}
          </Space>
        </Card>
        <Table<{ kind: PostKind }>
          rowKey="kind"
          size="small"
          pagination={false}
          scroll={{ x: 1000 }}
          dataSource={POST_KINDS.map((kind) => ({ kind }))}
          columns={[
            { title: t('assessment.post'), key: 'kind', fixed: 'left', width: 120, render: (_: unknown, r) => t(`postKinds.${r.kind}`) },
            ...ASSESSMENT_LINES.map((line) => ({
              title: t(`assessment.lines.${line}`),
              key: line,
              width: 100,
              render: (_: unknown, r: { kind: PostKind }) => (
                <InputNumber
                  disabled={!canEdit}
                  size="small"
                  min={0}
                  max={100}
                  value={draft.weights[r.kind][line]}
                  onChange={(v) => setWeight(r.kind, line, v ?? 0)}
                  aria-label={`${t(`postKinds.${r.kind}`)} ${t(`assessment.lines.${line}`)}`}
                />
              ),
            })),
            {
              title: '',
              key: 'sum',
              width: 110,
              fixed: 'right',
              render: (_: unknown, r: { kind: PostKind }) => {
                const sum = ASSESSMENT_LINES.reduce((n, l) => n + draft.weights[r.kind][l], 0);
                return <Typography.Text type={sum === 100 ? 'secondary' : 'danger'}>{t('assessment.sum', { sum })}</Typography.Text>;
              },
            },
          ]}
        />
        {wrongPost ? <Alert type="warning" showIcon title={`${t(`postKinds.${wrongPost}`)}: ${t('assessment.sumWrong')}`} /> : null}
        {canEdit ? null : <Alert type="info" showIcon title={t('assessment.schemeReadOnly')} />}
        {canEdit ? (
          <Space.Compact style={{ maxWidth: 640 }}>
            <Input
              placeholder={t('assessment.changeNote')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={200}
              aria-label={t('assessment.changeNote')}
            />
            <Button
              type="primary"
              disabled={!!wrongPost || !note.trim()}
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { content: draft, changeNote: note.trim() },
                  {
                    onSuccess: (s) => {
                      setNote('');
                      void message.success(t('assessment.schemeSaved', { version: s.version }));
                    },
                    onError: (e) => void message.error(describeError(e)),
                  },
                )
              }
              data-testid="scheme-save"
            >
              {t('assessment.saveScheme')}
            </Button>
          </Space.Compact>
        ) : null}
      </Flex>
    </>
  );
}
