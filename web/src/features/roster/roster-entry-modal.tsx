import { useEffect, useMemo } from 'react';
import { App, DatePicker, Form, Modal, Select, Space, Tag, TimePicker, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Post, SitePerson } from '@anchang/contracts';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { dateToPicker, pickerToDate, timeToPicker } from '../../shared/format/local-date';
import { endsNextDay } from '../../shared/format/shift-time';
import { useAddRosterEntry } from './use-roster';

export interface RosterTarget {
  postId: string;
  date: string;
}

interface Values {
  postId: string;
  date: Dayjs;
  personId: string;
  start: Dayjs;
  end: Dayjs;
}

interface Props {
  siteId: string;
  /** The cell clicked; null: closed. */
  target: RosterTarget | null;
  posts: Post[];
  people: SitePerson[];
  /** The site's opening hours, the usual shift. */
  defaultHours: { open: string; close: string };
  onClose: () => void;
}

/** Puts a person on a post for a day, from–to. */
export function RosterEntryModal({ siteId, target, posts, people, defaultHours, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddRosterEntry(siteId);
  const postId = Form.useWatch('postId', form);
  const start = Form.useWatch('start', form);
  const end = Form.useWatch('end', form);
  const nextDay = !!start && !!end && endsNextDay(start.format('HH:mm'), end.format('HH:mm'));

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue({
      postId: target.postId,
      date: dateToPicker(target.date),
      start: timeToPicker(defaultHours.open),
      end: timeToPicker(defaultHours.close),
    });
  }, [target, defaultHours.open, defaultHours.close, form]);

  // People who hold the post come first: they are whom a manager usually puts there.
  const personOptions = useMemo(() => {
    const active = people.filter((p) => p.isActive);
    const option = (p: SitePerson) => ({ value: p.id, label: p.name });
    const onPost = active.filter((p) => postId && p.postIds.includes(postId));
    const others = active.filter((p) => !onPost.includes(p));
    return [
      ...(onPost.length ? [{ label: t('consoleShifts.roster.peopleOnPost'), options: onPost.map(option) }] : []),
      { label: t('consoleShifts.roster.otherPeople'), options: others.map(option) },
    ];
  }, [people, postId, t]);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await add.mutateAsync({
        postId: values.postId,
        personId: values.personId,
        date: pickerToDate(values.date),
        start: values.start.format('HH:mm'),
        end: values.end.format('HH:mm'),
      });
      void message.success(t('consoleShifts.roster.added'));
      onClose();
    } catch (error) {
      const mapped = applyFieldError(form, error, {
        PERSON_DOUBLE_BOOKED: 'personId',
        PERSON_NOT_FOUND: 'personId',
        POST_NOT_FOUND: 'postId',
        INVALID_DATE: 'date',
      });
      if (!mapped) void message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={!!target}
      title={t('consoleShifts.roster.addTitle')}
      okText={t('common.add')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={add.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} name="roster-entry">
        <Form.Item
          name="personId"
          label={t('consoleShifts.roster.person')}
          rules={[{ required: true, message: t('consoleShifts.roster.personRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('consoleShifts.roster.personPlaceholder')}
            options={personOptions}
            autoFocus
          />
        </Form.Item>
        <Form.Item name="postId" label={t('consoleShifts.roster.post')} rules={[{ required: true, message: t('consoleShifts.roster.postRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={posts.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="date" label={t('consoleShifts.roster.date')} rules={[{ required: true, message: t('consoleShifts.roster.dateRequired') }]}>
          <DatePicker allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Space size="large">
          <Form.Item
            name="start"
            label={t('consoleShifts.roster.start')}
            rules={[{ required: true, message: t('consoleShifts.roster.timeRequired') }]}
          >
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} />
          </Form.Item>
          <Form.Item
            name="end"
            label={t('consoleShifts.roster.end')}
            dependencies={['start']}
            rules={[{ required: true, message: t('consoleShifts.roster.timeRequired') }]}
          >
            <TimePicker
              format="HH:mm"
              minuteStep={5}
              needConfirm={false}
              allowClear={false}
              // An end not after the start is the next morning: said beside the time, not refused.
              prefix={
                nextDay ? (
                  <Tag color="geekblue" data-testid="roster-next-day">
                    {t('nightShift.nextDay')}
                  </Tag>
                ) : undefined
              }
            />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('nightShift.endHint')}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
