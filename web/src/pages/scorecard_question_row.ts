import type { QuestionKind } from '../api/types';
import { localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { questionField, type QuestionDraft } from './scorecard_draft';

/** A label around a control, as the Recordings search form writes its fields. */
export function builderField(label: string, control: HTMLElement, className = ''): HTMLElement {
  return h('label', { class: `field ${className}`.trim() }, h('span', { class: 'field-label' }, label), control);
}

/** One question in the scorecard builder: its text, kind (yes/no or a scale of 1 to 5),
 *  weight, whether it may be answered "not applicable", and — for a yes/no question only —
 *  whether it is critical. Each control carries the field name the API's errors use
 *  (data-field), so a refusal can point at it. Edits go straight into `question`. */
export function scorecardQuestionRow(question: QuestionDraft, section: number, index: number, onRemove: (() => void) | null): HTMLElement {
  const language = currentLanguage();
  const at = (member: string) => questionField(section, index, member);
  const text = h('textarea', { rows: 2, 'data-field': at('text'), 'data-testid': 'question-text' });
  text.value = question.text;
  text.addEventListener('input', () => (question.text = text.value));
  const kind = h(
    'select',
    { 'data-field': at('kind'), 'data-testid': 'question-kind' },
    h('option', { value: 'yes_no', selected: question.kind === 'yes_no' }, t('scorecards.kind_yes_no')),
    h('option', { value: 'scale', selected: question.kind === 'scale' }, t('scorecards.kind_scale')),
  );
  // Text, not type=number: a number field takes only Latin digits.
  const weight = h('input', { type: 'text', inputmode: 'numeric', dir: 'ltr', 'data-field': at('weight'), 'data-testid': 'question-weight' });
  weight.value = localizeDigits(question.weight, language);
  weight.addEventListener('input', () => (question.weight = weight.value));
  const allowNa = h('input', { type: 'checkbox', 'data-field': at('allow_na'), 'data-testid': 'question-allow-na', checked: question.allowNa });
  allowNa.addEventListener('change', () => (question.allowNa = allowNa.checked));
  const critical = h('input', { type: 'checkbox', 'data-field': at('critical'), 'data-testid': 'question-critical', checked: question.critical });
  critical.addEventListener('change', () => (question.critical = critical.checked));
  // Only a yes/no question can be critical: a "no" is what fails the call.
  const criticalBox = h('label', { class: 'check critical-check' }, critical, h('span', {}, t('scorecards.critical')));
  const showKind = () => {
    criticalBox.hidden = question.kind !== 'yes_no';
  };
  kind.addEventListener('change', () => {
    question.kind = kind.value as QuestionKind;
    showKind();
  });
  showKind();
  const remove = onRemove
    ? h('button', { type: 'button', class: 'danger', 'data-action': 'remove-question', onclick: onRemove }, t('scorecards.remove_question'))
    : null;
  return h(
    'li',
    { class: 'builder-question', 'data-question': question.id },
    builderField(t('scorecards.question_text', { number: localizeDigits(String(index + 1), language) }), text, 'question-text'),
    h(
      'div',
      { class: 'question-settings' },
      builderField(t('scorecards.kind'), kind),
      builderField(t('scorecards.weight'), weight, 'weight'),
      h('label', { class: 'check' }, allowNa, h('span', {}, t('scorecards.allow_na'))),
      criticalBox,
      remove,
    ),
  );
}
