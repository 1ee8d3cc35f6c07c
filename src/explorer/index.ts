// The query language the explorer speaks is defined below the store, which runs it (src/query); the explorer adds
// query files and the named templates, and hands callers the language with them.
export * from '../query/index.js';
export { parseQueryFile, parseQueryText, parseTemplate, TEMPLATE_NAME, type ExplorerTemplate } from './documents.js';
export { listTemplates, getTemplate, loadTemplates, templatesDir } from './templates.js';
