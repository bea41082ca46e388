import { useLayoutEffect, useRef } from 'react';
import { Stepper, type StepperProps, type StepperRef } from 'antd-mobile';

/**
 * antd-mobile's Stepper with a name for its number field. The library gives the field no label,
 * and copies the field's aria-valuenow/min/max onto the field's wrapper <div>, where no ARIA role
 * allows them (axe: aria-allowed-attr, critical). After each render the field gets `label` as its
 * name and the wrapper loses the stray attributes; the field itself (role spinbutton) keeps them.
 */
export function LabelledStepper({ label, ...props }: StepperProps & { label: string }) {
  const ref = useRef<StepperRef>(null);
  useLayoutEffect(() => {
    const input = ref.current?.nativeElement;
    if (!input) return;
    input.setAttribute('aria-label', label);
    const wrapper = input.closest('.adm-stepper-input');
    for (const attr of ['aria-valuenow', 'aria-valuemin', 'aria-valuemax']) wrapper?.removeAttribute(attr);
  });
  return <Stepper ref={ref} {...props} />;
}
