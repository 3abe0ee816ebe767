// Validates an OpenAPI 3 document: the OpenAPI 3.0 JSON schema plus swagger-parser's semantic
// checks (path parameters declared, unique operationIds, resolvable $refs). With --expect-routes
// FILE (lines "METHOD /path"), also checks that every route is in the document.
//   node validate.js openapi.json [--expect-routes routes.txt]
'use strict';
const fs = require('fs');
const SwaggerParser = require('@apidevtools/swagger-parser');

async function main() {
  const [file, flag, routesFile] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node validate.js openapi.json [--expect-routes routes.txt]');
    process.exit(2);
  }
  const document = JSON.parse(fs.readFileSync(file, 'utf8'));
  // validate() dereferences in place; keep the original for the route check.
  const original = JSON.parse(JSON.stringify(document));
  await SwaggerParser.validate(document);
  if (!original.openapi || !original.openapi.startsWith('3.')) {
    throw new Error(`not an OpenAPI 3 document: openapi=${original.openapi}`);
  }
  // swagger-parser checks path parameters only for Swagger 2.0; do it for OpenAPI 3 here.
  for (const [path, item] of Object.entries(original.paths)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, operation] of Object.entries(item)) {
      const declared = (operation.parameters || []).filter((p) => p.in === 'path').map((p) => p.name);
      const undeclared = names.filter((n) => !declared.includes(n));
      const extra = declared.filter((n) => !names.includes(n));
      if (undeclared.length || extra.length) {
        throw new Error(`${method.toUpperCase()} ${path}: path parameters undeclared [${undeclared}] or unused [${extra}]`);
      }
    }
  }
  let checked = 0;
  if (flag === '--expect-routes') {
    const missing = [];
    for (const line of fs.readFileSync(routesFile, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const [method, path] = line.trim().split(/\s+/);
      // Paths in the document are relative to the server URL (which carries the major version).
      const server = ((original.servers || [])[0] || {}).url || '';
      const item = path.startsWith(server) ? original.paths[path.slice(server.length)] : undefined;
      if (!item || !item[method.toLowerCase()]) missing.push(line.trim());
      checked++;
    }
    if (missing.length) throw new Error(`routes missing from the document:\n  ${missing.join('\n  ')}`);
  }
  const operations = Object.values(original.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`valid OpenAPI ${original.openapi}: ${Object.keys(original.paths).length} paths, ` +
              `${operations} operations; ${checked} expected routes present`);
}

main().catch((error) => {
  console.error(`invalid: ${error.message}`);
  process.exit(1);
});
