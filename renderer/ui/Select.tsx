import * as RSelect from '@radix-ui/react-select';
import { Check, ChevronDown } from 'lucide-react';

/** One option of a Select. */
export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
  /** Options with the same group are listed together under it, in order of first appearance. */
  group?: string;
}

function grouped(options: SelectOption[]): [string | undefined, SelectOption[]][] {
  const groups = new Map<string | undefined, SelectOption[]>();
  for (const o of options) groups.set(o.group, [...(groups.get(o.group) ?? []), o]);
  return [...groups];
}

/** The design system's dropdown: Radix Select with our tokens; labelled for screen readers. */
export function Select(props: {
  label: string;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  id?: string;
  testId?: string;
  minWidth?: number;
}) {
  return (
    <RSelect.Root value={props.value} onValueChange={props.onChange}>
      <RSelect.Trigger
        className="select-trigger"
        aria-label={props.label}
        id={props.id}
        data-testid={props.testId}
        style={{ minWidth: props.minWidth }}
      >
        <RSelect.Value />
        <RSelect.Icon>
          <ChevronDown size={14} aria-hidden />
        </RSelect.Icon>
      </RSelect.Trigger>
      <RSelect.Portal>
        <RSelect.Content className="select-content" position="popper" sideOffset={4}>
          <RSelect.Viewport>
            {grouped(props.options).map(([group, options], i) => (
              <RSelect.Group key={group ?? `g${i}`}>
                {group ? <RSelect.Label className="select-label">{group}</RSelect.Label> : null}
                {options.map((o) => (
                  <RSelect.Item key={o.value} value={o.value} className="select-item" disabled={o.disabled}>
                    <RSelect.ItemIndicator className="select-indicator">
                      <Check size={12} aria-hidden />
                    </RSelect.ItemIndicator>
                    <RSelect.ItemText>{o.label}</RSelect.ItemText>
                  </RSelect.Item>
                ))}
              </RSelect.Group>
            ))}
          </RSelect.Viewport>
        </RSelect.Content>
      </RSelect.Portal>
    </RSelect.Root>
  );
}
