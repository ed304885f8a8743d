import type { AppContext } from '../app_context';
import type { AlertRule, User } from '../api/types';
import { currentLanguage, t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import { draftFromRule, newRuleDraft } from './alert_rule_draft';
import { alertRuleForm } from './alert_rule_form';
import { isChangeable, ruleCells } from './alert_rule_text';
import { isolated } from './report_figures';

/** The table's columns, in the order of ruleCells, then the actions. */
const kRuleColumns = [
  msg('schedules.name'),
  msg('alert_rules.measure'),
  msg('alert_rules.queue'),
  msg('alert_rules.condition'),
  msg('alert_rules.window'),
  msg('alert_rules.min_calls'),
  msg('alert_rules.raise_after'),
  msg('alert_rules.clear_after'),
  msg('alert_rules.email'),
  msg('alert_rules.source'),
  msg('console.actions'),
];
/** The data-cell of each cell after the name, for tests and styles. */
const kCellNames = ['measure', 'queue', 'condition', 'window', 'min-calls', 'raise-after', 'clear-after', 'email', 'source'];

/** The queues a rule may name for `user`: a supervisor's own among those configured (the
 *  server refuses any other), every queue for a manager. */
export function ruleQueues(user: Pick<User, 'role' | 'queues'>, configured: readonly string[]): string[] {
  return user.role === 'supervisor' ? configured.filter((queue) => user.queues.includes(queue)) : [...configured];
}

/** "Rules" on the Alerts page (docs/api.md /api/v1/alert-rules): the KPI alert rules the
 *  reader may see, by name — those of the configuration file marked read-only — with Edit and
 *  Delete on those the server says the reader may change, and a form to make or change one.
 *  Managers may watch the centre; a supervisor names one of their queues. */
export function alertRules(context: AppContext) {
  const { api, notice, user } = context;
  const rows = h('tbody', { 'data-testid': 'rules-rows' });
  const table = h(
    'table',
    { class: 'table records-table alert-rules-table', 'data-testid': 'rules', hidden: true },
    h('thead', {}, h('tr', {}, ...kRuleColumns.map((key) => h('th', { scope: 'col' }, t(key))))),
    rows,
  );
  const status = h('p', { class: 'results-status', role: 'status', 'data-testid': 'rules-status' }, t('schedules.loading'));
  const saved = h('p', { class: 'saved-note', role: 'status', 'data-testid': 'rule-saved' });
  const create = h('button', { type: 'button', class: 'primary', 'data-action': 'new-rule' }, t('alert_rules.new'));
  const formSlot = h('div', { class: 'rule-form-slot' });
  const element = h(
    'section',
    { class: 'panel alert-rules', 'data-testid': 'alert-rules', 'aria-labelledby': 'rules-title', 'aria-busy': 'true' },
    h('div', { class: 'results-head' }, h('h2', { id: 'rules-title' }, t('alert_rules.title')), h('span', { class: 'pager form-actions' }, create)),
    h('p', { class: 'hint' }, t('alert_rules.hint')),
    saved,
    formSlot,
    status,
    h('div', { class: 'table-scroll' }, table),
  );
  let gone = false;
  let listed: AlertRule[] = [];
  let mail = false;
  let queues: string[] = [];
  /** The rule the form edits ("" for a new one), or null for no form. */
  let editing: string | null = null;

  const closeForm = () => {
    editing = null;
    formSlot.replaceChildren();
  };
  const openForm = (rule: AlertRule | null) => {
    setText(saved, '');
    const language = currentLanguage();
    const centre = user.role === 'manager';
    const draft = rule ? draftFromRule(rule, language) : newRuleDraft(language, centre ? '' : (queues[0] ?? ''));
    editing = rule?.name ?? '';
    const form = alertRuleForm(
      draft,
      { mail, centre, queues },
      {
        save: (_, body) => (draft.editing === null ? api.createAlertRule(body) : api.updateAlertRule(draft.editing, body)).then((answer) => answer.rule),
        onSaved: (made) => {
          closeForm();
          setText(saved, t('schedules.saved', { name: isolated(made.name, currentLanguage()) }));
          saved.dataset.rule = made.name;
          void load();
        },
        onClose: closeForm,
      },
    );
    formSlot.replaceChildren(form.element);
    form.element.scrollIntoView({ block: 'nearest' });
    form.focus();
  };
  create.addEventListener('click', () => openForm(null));

  const remove = (rule: AlertRule) => {
    if (!window.confirm(t('alert_rules.confirm_delete', { name: rule.name }))) {
      return;
    }
    api
      .deleteAlertRule(rule.name)
      .then(() => {
        notice.show(t('schedules.deleted', { name: isolated(rule.name, currentLanguage()) }), 'info');
        if (editing === rule.name) {
          closeForm();
        }
        void load();
      })
      // 404: gone already (or no longer the reader's); 409: a rule of the configuration file.
      .catch((error: unknown) => {
        notice.show(errorText(error));
        void load();
      });
  };

  const row = (rule: AlertRule) => {
    const language = currentLanguage();
    const cells = ruleCells(rule, language);
    const actions = isChangeable(rule)
      ? [
          h('button', { type: 'button', 'data-action': 'edit-rule', onclick: () => openForm(rule) }, t('scorecards.edit')),
          h('button', { type: 'button', class: 'danger', 'data-action': 'delete-rule', onclick: () => remove(rule) }, t('schedules.delete')),
        ]
      : [h('span', { class: 'read-only', 'data-testid': 'rule-read-only' }, t('alert_rules.read_only'))];
    return h(
      'tr',
      { 'data-rule': rule.name, 'data-source': rule.source, 'data-editable': String(rule.editable), 'data-measure': rule.measure },
      h('td', { 'data-cell': 'name' }, h('bdi', {}, cells[0]!)),
      ...cells.slice(1).map((text, index) => h('td', { 'data-cell': kCellNames[index]!, class: kCellNames[index] === 'min-calls' ? 'num' : undefined }, text)),
      h('td', {}, h('div', { class: 'actions' }, ...actions)),
    );
  };

  const draw = () => {
    rows.replaceChildren(...listed.map(row));
    table.hidden = listed.length === 0;
    setText(status, listed.length === 0 ? t('alert_rules.none') : '');
  };

  let latest = 0;
  async function load(): Promise<void> {
    const mine = ++latest;
    element.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.alertRules();
      if (!gone && mine === latest) {
        listed = answer.rules;
        mail = answer.mail;
        draw();
      }
    } catch (error) {
      if (!gone && mine === latest) {
        listed = [];
        rows.replaceChildren();
        table.hidden = true;
        setText(status, errorText(error));
      }
    } finally {
      if (!gone && mine === latest) {
        element.removeAttribute('aria-busy');
      }
    }
  }
  void load();

  return {
    element,
    /** The queues configured that the reader can see: a rule names one of them. */
    setQueues(configured: readonly string[]) {
      queues = ruleQueues(user, configured);
    },
    dispose() {
      gone = true;
    },
  };
}
