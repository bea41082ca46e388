import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { STANDARDS_LIBRARY_VERSION, type StandardSummary } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useAdoptLibraryUpdate } from './use-standards';

/**
 * The library moved on (e.g. 2026-12 added the concierge's duties): posts whose copy follows an
 * older library are named, and the manager takes the update with a change note. Nothing changes
 * until they do; a reader without the right sees the notice only.
 */
export function LibraryUpdateNotice({ siteId, standards, editable }: { siteId: string; standards: readonly StandardSummary[]; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useAdoptLibraryUpdate(siteId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ changeNote: string }>();
  const behind = standards.filter((s) => s.libraryVersion !== undefined && s.libraryVersion < STANDARDS_LIBRARY_VERSION);
  if (!behind.length) return null;
  const library = STANDARDS_LIBRARY_VERSION;

  const submit = async () => {
    const { changeNote } = await form.validateFields();
    try {
      const changed = await update.mutateAsync({ changeNote: changeNote.trim() });
      void message.success(t('consoleShifts.standards.updated', { library, count: changed.length }));
      setOpen(false);
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="library-update"
        message={t('consoleShifts.standards.updateTitle', { library })}
        description={`${t('consoleShifts.standards.updateHint', { count: behind.length })}${editable ? '' : ` ${t('consoleShifts.standards.updateReadOnly')}`}`}
        action={
          editable ? (
            <Button type="primary" icon={<CloudDownloadOutlined />} onClick={() => setOpen(true)} data-testid="library-update-open">
              {t('consoleShifts.standards.updateAction')}
            </Button>
          ) : null
        }
      />
      <Modal
        open={open}
        title={t('consoleShifts.standards.updateTitle', { library })}
        okText={t('consoleShifts.standards.updateAction')}
        confirmLoading={update.isPending}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ changeNote: t('consoleShifts.standards.updateNoteDefault', { library }) }}>
          <Form.Item
            name="changeNote"
            label={t('consoleShifts.standards.updateNoteLabel')}
            rules={[{ required: true, whitespace: true, message: t('consoleShifts.standards.updateNoteRequired') }]}
          >
            <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2 }} data-testid="library-update-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
