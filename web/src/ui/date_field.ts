import type { Language } from '../api/types';
import { calendarFor, daysInMonth, fromCalendar, monthName, toCalendar } from '../format/calendar';
import { localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { h } from './dom';

/** Years a date field offers before the current one. */
const kYearsBack = 5;

function option(value: number, text: string, selected: boolean): HTMLOptionElement {
  return h('option', { value: String(value), selected }, text);
}

/** A calendar day picked as day, month and year in the reader's calendar: Jalali months and
 *  years with Persian digits in Persian, Gregorian otherwise (format/calendar.ts). The value is
 *  a day (days since 1970-01-01), whatever the calendar. A browser's own date input shows only
 *  the Gregorian calendar, in the browser's language rather than the page's. */
export function dateField(label: string, testId: string, initial: number, today: number) {
  const language: Language = currentLanguage();
  const calendar = calendarFor(language);
  const day = h('select', { 'aria-label': t('date.day'), 'data-part': 'day' });
  const month = h('select', { 'aria-label': t('date.month'), 'data-part': 'month' });
  const year = h('select', { 'aria-label': t('date.year'), 'data-part': 'year' });
  const name = h('span', { class: 'field-label', id: `${testId}-label` }, label);
  // Day, month, year: the order Persian, Arabic and British English write a date in (the
  // right-to-left page puts the day rightmost, where a Persian reader starts).
  const element = h('div', { class: 'date-field', role: 'group', 'aria-labelledby': `${testId}-label`, 'data-testid': testId }, name, day, month, year);
  const thisYear = toCalendar(today, calendar).year;

  const fill = (value: number) => {
    const date = toCalendar(value, calendar);
    const years: HTMLOptionElement[] = [];
    for (let y = Math.min(date.year, thisYear - kYearsBack); y <= Math.max(date.year, thisYear); y += 1) {
      years.push(option(y, localizeDigits(String(y), language), y === date.year));
    }
    year.replaceChildren(...years);
    month.replaceChildren(...Array.from({ length: 12 }, (_, i) => option(i + 1, monthName(date.year, i + 1, language), i + 1 === date.month)));
    const days = daysInMonth(date.year, date.month, calendar);
    day.replaceChildren(...Array.from({ length: days }, (_, i) => option(i + 1, localizeDigits(String(i + 1), language), i + 1 === date.day)));
  };

  /** The day the selects show; a day past the chosen month's end is its last day. */
  const value = (): number => {
    const y = Number(year.value);
    const m = Number(month.value);
    const d = Math.min(Number(day.value), daysInMonth(y, m, calendar));
    return fromCalendar({ year: y, month: m, day: d }, calendar);
  };

  // Another month or year has another number of days (and, in Persian, month names by year).
  const refill = () => fill(value());
  month.addEventListener('change', refill);
  year.addEventListener('change', refill);
  fill(initial);
  return { element, value, set: fill };
}
