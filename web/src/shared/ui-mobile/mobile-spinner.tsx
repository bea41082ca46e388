import { DotLoading } from 'antd-mobile';

/**
 * While a page's chunk loads. DotLoading rather than SpinLoading: SpinLoading animates with
 * react-spring, which would then ride on every phone's first load.
 */
export function MobileSpinner() {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: 240, height: '100%' }} data-testid="page-spinner">
      <DotLoading color="primary" />
    </div>
  );
}
