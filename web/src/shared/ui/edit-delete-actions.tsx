import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The edit and delete links of a settings table row. Delete asks first; when the server would
 * refuse it (a zone that posts still use), it is shown disabled with the reason instead.
 */
export function EditDeleteActions(props: { onEdit: () => void; onDelete: () => void; confirmTitle: string; deleteDisabledReason?: string | null }) {
  const { t } = useTranslation();
  const deleteButton = (disabled: boolean) => (
    <Button type="link" danger icon={<DeleteOutlined />} disabled={disabled}>
      {t('common.delete')}
    </Button>
  );
  return (
    <Space size={0}>
      <Button type="link" icon={<EditOutlined />} onClick={props.onEdit}>
        {t('common.edit')}
      </Button>
      {props.deleteDisabledReason ? (
        <Tooltip title={props.deleteDisabledReason}>{deleteButton(true)}</Tooltip>
      ) : (
        <Popconfirm title={props.confirmTitle} okText={t('common.delete')} okButtonProps={{ danger: true }} onConfirm={props.onDelete}>
          {deleteButton(false)}
        </Popconfirm>
      )}
    </Space>
  );
}
