// Lints code snippets as if they were files at the given paths, with the workspace's real ESLint config.
// Input (stdin): [{ "filePath": "libs/domain/src/x.ts", "code": "..." }]. Output: rule ids reported per snippet.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

const workspaceRoot = resolve(import.meta.dirname, '../../..');
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const snippets = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const eslint = new ESLint({ cwd: workspaceRoot });
const results = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath: resolve(workspaceRoot, filePath) });
  results.push({
    filePath,
    errors: result.messages.filter((m) => m.severity === 2).map((m) => ({ ruleId: m.ruleId, message: m.message })),
  });
}
process.stdout.write(JSON.stringify(results));
