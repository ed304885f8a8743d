import type { Scorecard, ScorecardBody } from '../api/types';
import { ApiError } from '../api/api_error';
import { formatInteger, localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import { newQuestion, newSection, scorecardBody, suggestedId, type ScorecardDraft } from './scorecard_draft';
import { builderField, scorecardQuestionRow } from './scorecard_question_row';

export interface BuilderHandlers {
  /** Sends the body (POST for a new scorecard, PUT for the next version); the saved version. */
  save(draft: ScorecardDraft, body: ScorecardBody): Promise<Scorecard>;
  onSaved(card: Scorecard): void;
  onClose(): void;
}

/** The scorecard builder: name, id (new scorecards only), pass mark, and the sections with
 *  their titles and questions; Save sends it whole and the server answers with the version it
 *  made, or with the first field it refuses, which is shown beside the form and marked. */
export function scorecardBuilder(draft: ScorecardDraft, handlers: BuilderHandlers): HTMLElement {
  const language = currentLanguage();
  const isNew = draft.version === null;
  const name = h('input', { type: 'text', 'data-field': 'name', 'data-testid': 'scorecard-name' });
  name.value = draft.name;
  const id = h('input', { type: 'text', dir: 'ltr', autocomplete: 'off', 'data-field': 'id', 'data-testid': 'scorecard-id', disabled: !isNew });
  id.value = draft.id;
  // The id follows the name until the author types one of their own.
  let idTyped = !isNew || draft.id !== '';
  name.addEventListener('input', () => {
    draft.name = name.value;
    if (!idTyped) {
      id.value = draft.id = suggestedId(name.value);
    }
  });
  id.addEventListener('input', () => {
    idTyped = true;
    draft.id = id.value;
  });
  const passMark = h('input', { type: 'text', inputmode: 'numeric', dir: 'ltr', 'data-field': 'pass_mark', 'data-testid': 'scorecard-pass-mark' });
  passMark.value = localizeDigits(draft.passMark, language);
  passMark.addEventListener('input', () => (draft.passMark = passMark.value));

  const sections = h('ol', { class: 'builder-sections' });
  const render = () => {
    sections.replaceChildren(
      ...draft.sections.map((section, s) => {
        const title = h('input', { type: 'text', 'data-field': `sections[${s}].title`, 'data-testid': 'section-title' });
        title.value = section.title;
        title.addEventListener('input', () => (section.title = title.value));
        const questions = section.questions.map((question, q) =>
          scorecardQuestionRow(question, s, q, section.questions.length > 1 ? () => (section.questions.splice(q, 1), render()) : null),
        );
        const addQuestion = h('button', { type: 'button', 'data-action': 'add-question' }, t('scorecards.add_question'));
        addQuestion.addEventListener('click', () => {
          section.questions.push(newQuestion(draft));
          render();
        });
        const remove =
          draft.sections.length > 1
            ? h('button', { type: 'button', class: 'danger', 'data-action': 'remove-section', onclick: () => (draft.sections.splice(s, 1), render()) }, t('scorecards.remove_section'))
            : null;
        return h(
          'li',
          { class: 'builder-section', 'data-section': String(s) },
          h('div', { class: 'section-head' }, builderField(t('scorecards.section_title', { number: formatInteger(s + 1, language) }), title, 'section-title'), remove),
          h('ol', { class: 'builder-questions' }, ...questions),
          addQuestion,
        );
      }),
    );
  };
  render();
  const addSection = h('button', { type: 'button', 'data-action': 'add-section' }, t('scorecards.add_section'));
  addSection.addEventListener('click', () => {
    draft.sections.push(newSection(draft));
    render();
  });

  const problem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'scorecard-error' });
  const save = h('button', { type: 'submit', class: 'primary', 'data-action': 'save-scorecard' }, t('scorecards.save'));
  const close = h('button', { type: 'button', 'data-action': 'close-builder', onclick: () => handlers.onClose() }, t('scorecards.close'));
  const heading = isNew ? t('scorecards.new') : t('scorecards.editing', { name: draft.name, version: formatInteger(draft.version ?? 0, language) });
  const form = h(
    'form',
    { class: 'panel scorecard-builder', 'data-testid': 'scorecard-builder', 'data-scorecard': draft.id, 'aria-label': heading },
    h('h2', {}, heading),
    h(
      'div',
      { class: 'filters' },
      builderField(t('scorecards.name'), name),
      builderField(t('scorecards.id'), id),
      builderField(t('scorecards.pass_mark'), passMark),
    ),
    sections,
    h('div', { class: 'form-actions' }, addSection),
    h('div', { class: 'form-actions' }, save, close, problem),
  );

  /** Says what is wrong and marks the control of `field` (the API's name for it). */
  const refuse = (text: string, field: string | null) => {
    for (const marked of form.querySelectorAll('[aria-invalid]')) {
      marked.removeAttribute('aria-invalid');
    }
    setText(problem, text);
    problem.dataset.field = field ?? '';
    const control = field ? form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`) : null;
    control?.setAttribute('aria-invalid', 'true');
    control?.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const made = scorecardBody(draft);
    if ('problem' in made) {
      refuse(t(made.problem.message), made.problem.field);
      return;
    }
    save.disabled = true;
    form.setAttribute('aria-busy', 'true');
    handlers
      .save(draft, made.body)
      .then((card) => handlers.onSaved(card))
      // The server names the first wrong member (sections[1].questions[0].kind) in its message.
      .catch((error: unknown) => refuse(errorText(error), error instanceof ApiError ? error.field : null))
      .finally(() => {
        save.disabled = false;
        form.removeAttribute('aria-busy');
      });
  });
  return form;
}
