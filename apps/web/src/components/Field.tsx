import { ReactElement, useId } from 'react';

/**
 * A labelled form control. The label names the control by `for`, not by wrapping it: a wrapped select would take
 * its options' text into its accessible name.
 */
export function Field({ label, children }: { label: string; children: (id: string) => ReactElement }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}
