/**
 * The web explorer's stylesheet, served as /assets/app/style.css (a TypeScript string so the build ships it in
 * dist/ with the modules). Colours are chosen for WCAG AA contrast (4.5:1 for text on its background), and every
 * focusable control shows a 3px focus outline.
 */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #111827; --muted: #4b5563; --line: #d1d5db; --accent: #1d4ed8; --bg: #ffffff; --panel: #f3f4f6; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
h1:focus, main:focus { outline: none; }
h1:focus-visible, main:focus-visible { outline: 3px solid var(--accent); }
.skip-link { position: absolute; left: -10000px; top: 0; background: var(--ink); color: #fff; padding: 8px 12px; z-index: 10; }
.skip-link:focus { left: 8px; top: 8px; color: #fff; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 10px 20px; border-bottom: 1px solid var(--line); background: var(--panel); }
.brand { margin: 0; font-weight: 700; font-size: 18px; }
.brand a { color: var(--ink); text-decoration: none; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 0; padding: 0; }
nav a { display: inline-block; padding: 4px 2px; }
nav a[aria-current="page"] { color: var(--ink); font-weight: 700; text-decoration: underline; text-decoration-thickness: 3px; }
.auth { margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.auth-form { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.auth-form[hidden], .auth[hidden] { display: none; }
.auth-state { color: var(--muted); font-size: 13px; }
.status { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
main { padding: 16px 20px 40px; max-width: 1400px; }
footer.bottom { padding: 12px 20px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
button, select, input, textarea { font: inherit; color: var(--ink); }
button { background: var(--accent); color: #fff; border: 1px solid var(--accent); border-radius: 4px; padding: 5px 12px; cursor: pointer; }
button[aria-pressed="true"] { background: #1e3a8a; }
button:disabled { background: var(--muted); border-color: var(--muted); cursor: progress; }
select, input[type="search"], input[type="password"], textarea { border: 1px solid #6b7280; border-radius: 4px; padding: 4px 6px; background: #fff; }
textarea { width: 100%; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 10px 18px; margin: 8px 0 16px; padding: 10px 12px; background: var(--panel); border-radius: 6px; }
.field { display: flex; flex-direction: column; gap: 2px; }
.field.wide { flex: 1 1 100%; }
fieldset { border: 1px solid var(--line); border-radius: 4px; display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 0; }
legend { padding: 0 4px; }
.check { display: flex; align-items: center; gap: 4px; }
.actions { display: flex; align-items: center; gap: 14px; }
.stats { display: flex; flex-wrap: wrap; gap: 14px; list-style: none; padding: 0; margin: 8px 0 20px; }
.stat a { display: flex; flex-direction: column; min-width: 160px; padding: 12px 16px; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; color: var(--ink); }
.stat-value { font-size: 28px; font-weight: 700; }
.stat-label { color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 18px; align-items: start; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--panel); }
.url { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
.tags { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
.tags li { background: #e5e7eb; border-radius: 3px; padding: 0 5px; font-size: 12px; }
.muted { color: var(--muted); }
.risk, .severity { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 13px; font-weight: 600; }
.risk-critical, .severity-high { background: #b91c1c; }
.risk-high { background: #c2410c; }
.risk-medium, .severity-medium { background: #92400e; }
.risk-low, .severity-low { background: #047857; }
.pass { color: #047857; font-weight: 600; }
.fail { color: #b91c1c; font-weight: 600; }
.error { border: 2px solid #b91c1c; background: #fef2f2; padding: 8px 12px; border-radius: 6px; margin: 8px 0; }
.error p { margin: 4px 0; }
.loading, .empty { color: var(--muted); font-style: italic; }
.count { color: var(--muted); margin: 4px 0; }
.lead { font-size: 17px; }
pre { white-space: pre-wrap; word-break: break-all; background: var(--panel); padding: 8px; border-radius: 4px; font-size: 12px; max-height: 320px; overflow: auto; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
.path-view { display: grid; grid-template-columns: minmax(0, 3fr) minmax(260px, 2fr); gap: 18px; }
@media (max-width: 900px) { .path-view { grid-template-columns: 1fr; } }
.graph-box { border: 1px solid var(--line); border-radius: 6px; padding: 6px; }
.graph-controls { display: flex; gap: 6px; margin-bottom: 6px; }
.graph { height: 420px; width: 100%; }
.graph-legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 6px 0 0; font-size: 0.9em; }
.graph-legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; vertical-align: middle; }
.tag-note { font-size: 0.85em; color: var(--muted, #4b5563); }
ul.evidence { list-style: none; margin: 0; padding: 0; }
ul.evidence li { overflow-wrap: anywhere; }
dl.properties { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dl.properties dd { margin: 0; overflow-wrap: anywhere; }
.__________cytoscape_container { position: relative; }
ol.steps { padding-left: 22px; }
ol.steps li { margin: 6px 0; }
ol.steps .tags { display: inline-flex; }
.step-detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; }
.step-detail dd { margin: 0; }
`;
