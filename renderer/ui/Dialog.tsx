import * as RDialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

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
