import {
  type SipasOption,
  type SipasScaleView,
  type SipasView,
  shownOptions,
} from '../../contract/sipas-view';
import { type Answers, choiceLegend, toggle } from './model';

/** One satisfaction question or statement: big radio tiles, "Không trả lời" last and set apart. */
export function ScaleQuestion({
  id,
  text,
  scale,
  value,
  missing,
  onPick,
}: {
  id: string;
  text: string;
  scale: SipasScaleView;
  value: string | undefined;
  missing: boolean;
  onPick: (option: string) => void;
}) {
  const options: (SipasOption & { apart?: boolean })[] = [
    ...shownOptions(scale),
    ...(scale.noAnswer ? [{ ...scale.noAnswer, apart: true }] : []),
  ];
  return (
    <fieldset id={`q-${id}`} class={missing ? 'error' : undefined}>
      <legend>{text}</legend>
      <div class="tiles">
        {options.map((o) => (
          <label key={o.code} class={`tile${o.apart ? ' dk' : ''}${value === o.code ? ' on' : ''}`}>
            <input
              type="radio"
              name={id}
              value={o.code}
              checked={value === o.code}
              onChange={() => onPick(o.code)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

type Choice = SipasView['choices'][number];

/** The service used, the channel, expectations: one option, or up to `max` of them. */
export function ChoiceQuestion({
  choice,
  answers,
  onChange,
}: {
  choice: Choice;
  answers: Answers;
  onChange: (value: string | string[]) => void;
}) {
  const value = answers[choice.id];
  const picked = Array.isArray(value) ? value : [];
  const full = choice.max !== undefined && picked.length >= choice.max;
  return (
    <fieldset id={`q-${choice.id}`}>
      <legend>{choiceLegend(choice)}</legend>
      <div class="tiles">
        {choice.options.map((o) => {
          const on = choice.multiple ? picked.includes(o.code) : value === o.code;
          return (
            <label key={o.code} class={`tile${on ? ' on' : ''}`}>
              <input
                type={choice.multiple ? 'checkbox' : 'radio'}
                name={choice.id}
                value={o.code}
                checked={on}
                disabled={choice.multiple && full && !on}
                onChange={() =>
                  onChange(choice.multiple ? toggle(picked, o.code, choice.max) : o.code)
                }
              />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
