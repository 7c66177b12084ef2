import * as RTooltip from '@radix-ui/react-tooltip';
import type { ReactNode } from 'react';

/**
 * A hover/focus hint with an optional shortcut, for icon-like buttons. `disabled` shows nothing but
 * keeps the same element tree, so a button whose hint comes and goes (a nav item that is an icon only
 * in a narrow bar) is never remounted and never loses the keyboard focus.
 */
export function Tooltip({ text, keys, disabled, children }: { text: string; keys?: string; disabled?: boolean; children: ReactNode }) {
  return (
    <RTooltip.Root delayDuration={400}>
      <RTooltip.Trigger asChild>{children}</RTooltip.Trigger>
      {disabled ? null : (
        <RTooltip.Portal>
          <RTooltip.Content className="tooltip" sideOffset={6}>
            {text}
            {keys ? <span className="kbd">{keys}</span> : null}
          </RTooltip.Content>
        </RTooltip.Portal>
      )}
    </RTooltip.Root>
  );
}
