import { SpinLoading } from 'antd-mobile';

export function MobileSpinner() {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: 240, height: '100%' }} data-testid="page-spinner">
      <SpinLoading color="primary" />
    </div>
  );
}
