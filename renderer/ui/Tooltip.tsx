import * as RTooltip from '@radix-ui/react-tooltip';
import type { ReactNode } from 'react';

/** A hover/focus hint with an optional shortcut, for icon-like buttons. */
export function Tooltip({ text, keys, children }: { text: string; keys?: string; children: ReactNode }) {
  return (
    <RTooltip.Root delayDuration={400}>
      <RTooltip.Trigger asChild>{children}</RTooltip.Trigger>
      <RTooltip.Portal>
        <RTooltip.Content className="tooltip" sideOffset={6}>
          {text}
          {keys ? <span className="kbd">{keys}</span> : null}
        </RTooltip.Content>
      </RTooltip.Portal>
    </RTooltip.Root>
  );
}
