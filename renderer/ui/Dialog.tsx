import * as RDialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { returnFocusOnClose } from './focus.ts';

/** The design system's modal dialog: Radix Dialog (focus trap, Escape, labelled). */
export function Dialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <RDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <RDialog.Portal>
        <RDialog.Overlay className="overlay" />
        <RDialog.Content
          className={`dialog ${props.className ?? ''}`}
          data-testid={props.testId}
          aria-describedby={props.description ? undefined : undefined}
          // Opened from code (no Radix trigger): focus goes back where it was, not to the page.
          onCloseAutoFocus={returnFocusOnClose}
        >
          <RDialog.Title>{props.title}</RDialog.Title>
          {props.description ? (
            <RDialog.Description>{props.description}</RDialog.Description>
          ) : (
            <RDialog.Description className="sr-only">{props.title}</RDialog.Description>
          )}
          {props.children}
        </RDialog.Content>
      </RDialog.Portal>
    </RDialog.Root>
  );
}
