/**
 * The report's only stylesheet, inlined in a <style> element whose hash the CSP allows. No inline style attributes
 * anywhere (the CSP would block them), no web fonts: system fonts only, so the page fetches nothing.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #ffffff; }
a { color: #0b57a4; }
a:focus, [tabindex]:focus { outline: 3px solid #0b57a4; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: #ffffff; padding: 4px 8px; }
header.page { background: #14213d; color: #ffffff; padding: 20px 32px; }
header.page h1 { margin: 0 0 4px; font-size: 26px; }
header.page p { margin: 0; color: #e6e9f0; }
nav.toc { padding: 8px 32px; background: #f1f3f6; border-bottom: 1px solid #d0d5dd; }
nav.toc ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 20px; }
main { padding: 8px 32px 32px; max-width: 1400px; }
section { margin-top: 28px; }
h2 { font-size: 21px; border-bottom: 2px solid #14213d; padding-bottom: 4px; }
h3 { font-size: 17px; margin-bottom: 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; padding: 0; list-style: none; }
.card { border: 1px solid #d0d5dd; border-radius: 8px; padding: 10px 16px; min-width: 130px; background: #fafbfc; }
.card .value { display: block; font-size: 26px; font-weight: 700; }
.card.level-critical .value { color: #a4161a; }
.card.level-high .value { color: #b3430b; }
.card.level-medium .value { color: #7a5900; }
.card.level-low .value { color: #2b6a3a; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #d0d5dd; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 12.5px; word-break: break-all; color: #333333; }
.level { display: inline-block; padding: 0 8px; border-radius: 10px; color: #ffffff; font-weight: 600; font-size: 13px; }
.level-critical .level, .level.critical { background: #a4161a; }
.level.high { background: #b3430b; }
.level.medium { background: #7a5900; }
.level.low { background: #2b6a3a; }
.status { font-weight: 700; }
.status.pass { color: #1b5e20; }
.status.fail { color: #a4161a; }
.status.warn { color: #7a5900; }
article.path { border: 1px solid #d0d5dd; border-radius: 8px; padding: 4px 16px 12px; margin: 16px 0; }
.diagram { overflow-x: auto; padding: 4px 0; }
.diagram svg { display: block; }
.factors td:nth-child(3) { text-align: right; }
.formula { font-family: monospace; font-size: 13px; background: #f5f6f8; padding: 4px 8px; display: inline-block; }
details pre { white-space: pre-wrap; word-break: break-word; font-size: 12.5px; background: #f5f6f8; padding: 6px; }
footer { padding: 16px 32px; color: #444444; border-top: 1px solid #d0d5dd; font-size: 13px; }
.muted { color: #4a4a4a; }
`;
