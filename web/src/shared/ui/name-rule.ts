import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { isDisplayName } from '@anchang/contracts';

/**
 * The server's one rule for names (contracts' isDisplayName), checked in the form before sending:
 * a name of spaces only, or with control or text-direction characters, is flagged at the field.
 */
export function useNameRule(): Rule {
  const { t } = useTranslation();
  return {
    validator: (_, value: unknown) =>
      typeof value !== 'string' || value === '' || isDisplayName(value) ? Promise.resolve() : Promise.reject(new Error(t('errors.NAME_INVALID'))),
  };
}
