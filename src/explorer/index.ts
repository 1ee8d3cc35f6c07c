export * from './query.js';
export { ExplorerValidationError, validateExplorerQuery, checkExplorePage, operandProblem } from './validate.js';
export { compileExplorerQuery, type CompiledExplorerQuery } from './cypher.js';
export { evaluateExplorerQuery, type ExplorerGraph } from './evaluate.js';
export { parseQueryFile, parseQueryText, parseTemplate, TEMPLATE_NAME, type ExplorerTemplate } from './documents.js';
export { listTemplates, getTemplate, loadTemplates, templatesDir } from './templates.js';
