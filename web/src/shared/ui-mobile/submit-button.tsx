import type { ReactNode } from 'react';
import { Button } from 'antd-mobile';
import styles from './submit-button.module.css';

/** The big primary button that ends a phone form, with the reason the last try failed just above it. */
export function SubmitButton(props: {
  error?: ReactNode;
  errorTestId?: string;
  loading: boolean;
  disabled?: boolean;
  onSubmit: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <>
      {props.error ? (
        <div className={styles.error} role="alert" data-testid={props.errorTestId}>
          {props.error}
        </div>
      ) : null}
      <Button
        block
        color="primary"
        size="large"
        className={styles.button}
        disabled={props.disabled}
        loading={props.loading}
        onClick={props.onSubmit}
        data-testid={props.testId}
      >
        {props.children}
      </Button>
    </>
  );
}
