import type { SipasFirstScreen, SipasView } from '../../contract/sipas';
import type { SipasDefinition } from '../../questionnaires';
import type { PublicPoint } from './answer-queries';

const views = new WeakMap<SipasDefinition, Omit<SipasView, 'campaign' | 'point' | 'challenge'>>();

/** The questions as the form shows them (built once per definition). */
export function questionsOf(definition: SipasDefinition) {
  let view = views.get(definition);
  if (!view) {
    view = {
      title: definition.name,
      scales: definition.scales.map((s) => ({
        code: s.code,
        options: s.options.map((o) => ({ code: o.code, label: o.label })),
        ...(s.noAnswer ? { noAnswer: { code: s.noAnswer.code, label: s.noAnswer.label } } : {}),
      })),
      aspects: definition.aspects.map((a) => ({
        code: a.code,
        name: a.name,
        elements: a.elements.map((e) => ({ id: e.id, text: e.text, scale: e.scale })),
      })),
      perceptions: definition.perceptions.map((p) => ({ ...p })),
      choices: definition.choices.map((c) => ({
        id: c.id,
        text: c.text,
        options: c.options.map((o) => ({ code: o.code, label: o.label })),
        multiple: c.multiple,
        ...(c.max !== undefined ? { max: c.max } : {}),
      })),
      comment: definition.comment ? { text: definition.comment.text } : null,
    };
    views.set(definition, view);
  }
  return view;
}

export function pointView({ point, unitName }: PublicPoint): SipasView['point'] {
  return { code: point.code, name: point.name, unitName, serviceArea: point.serviceArea };
}

export function sipasView(found: PublicPoint, challenge: string): SipasView {
  return {
    campaign: { name: found.campaign.name },
    point: pointView(found),
    ...questionsOf(found.definition),
    challenge,
  };
}

/** About how long the form takes: some ten seconds a question, never less than two minutes. */
export function minutesFor(definition: SipasDefinition): number {
  const questions =
    definition.aspects.reduce((n, a) => n + a.elements.length, 0) +
    definition.perceptions.length +
    definition.choices.length;
  return Math.max(2, Math.round(questions / 6));
}

export function firstScreenOf(found: PublicPoint, code?: string): SipasFirstScreen {
  return {
    campaign: { name: found.campaign.name },
    point: pointView(found),
    ...(code ? { code } : {}),
    minutes: minutesFor(found.definition),
  };
}
