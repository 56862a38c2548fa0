import type { Ref } from 'preact';

/**
 * A labelled box for a code printed on paper (a sheet's serial, a stub's code): capitals, no
 * autocomplete or spelling, its problem (shown by the caller under `problemId`) linked to it.
 */
export function CodeField(props: {
  label: string;
  class?: string;
  value: string;
  placeholder: string;
  problem: string;
  problemId: string;
  inputRef: Ref<HTMLInputElement>;
  onInput: (value: string) => void;
  onBlur?: () => void;
  onKeyDown?: (e: KeyboardEvent) => void;
}) {
  const { problem } = props;
  return (
    <label class={props.class}>
      {props.label}
      <input
        ref={props.inputRef}
        value={props.value}
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        placeholder={props.placeholder}
        maxLength={20}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? props.problemId : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onBlur={props.onBlur}
        onKeyDown={props.onKeyDown}
      />
    </label>
  );
}
