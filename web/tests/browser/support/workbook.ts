import { execFileSync } from 'node:child_process';

// Reads an .xlsx file the server wrote (libxlsxwriter: shared strings, numbers as <v>) with
// Debian's unzip, enough for the tests to check cells: no spreadsheet library needed.

function unzipped(path: string, member: string): string {
  try {
    return execFileSync('unzip', ['-p', path, member], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** The text of every <t> in `xml`, joined (a rich-text string has several runs). */
function texts(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1]!)).join('');
}

function columnIndex(letters: string): number {
  return [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

export interface Workbook {
  /** The first sheet's cells as text, row by row ('' for an empty cell). */
  rows: string[][];
  /** The first sheet is laid out right to left (Persian and Arabic readers). */
  rightToLeft: boolean;
}

/** The first worksheet of the workbook at `path`. */
export function readWorkbook(path: string): Workbook {
  const shared = [...unzipped(path, 'xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]!));
  const sheet = unzipped(path, 'xl/worksheets/sheet1.xml');
  const rows: string[][] = [];
  for (const cell of sheet.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const [, letters, row, attributes, inner = ''] = cell;
    const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
    const type = /\st="([^"]+)"/.exec(attributes!)?.[1];
    const text = type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' ? texts(inner) : unescapeXml(value ?? '');
    const cells = (rows[Number(row) - 1] ??= []);
    const column = columnIndex(letters!);
    while (cells.length < column) {
      cells.push('');
    }
    cells[column] = text;
  }
  return { rows: Array.from(rows, (row) => row ?? []), rightToLeft: /<sheetView[^>]*rightToLeft="1"/.test(sheet) };
}
