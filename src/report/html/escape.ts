/**
 * Escaping for the HTML report. Every value that reaches the page goes through `esc`: asset names, API paths and
 * evidence come from the tenant's Azure resources, so they may hold markup. The same escaping is safe in text and in
 * double-quoted attribute values (HTML and inline SVG alike).
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function esc(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A tagged template that escapes every interpolated value; use `raw` for markup built by this module. */
export interface Markup {
  readonly html: string;
}

export const raw = (html: string): Markup => ({ html });

type Part = string | number | boolean | null | undefined | Markup | readonly Markup[];

export function html(strings: TemplateStringsArray, ...parts: readonly Part[]): Markup {
  let out = strings[0] ?? '';
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? '');
  });
  return { html: out };
}

function render(part: Part): string {
  if (Array.isArray(part)) return (part as readonly Markup[]).map((m) => m.html).join('');
  if (typeof part === 'object' && part !== null) return (part as Markup).html;
  return esc(part as string | number | boolean | null | undefined);
}

/** Shortens a label that has to fit a diagram box; the full text stays in the element's <title>. */
export function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
